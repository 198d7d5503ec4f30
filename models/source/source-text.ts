/** A file's text with a line index, so byte offsets from a parser turn into 1-based lines and
 * columns only when somebody asks (most offsets are never shown). */
export class SourceText {
  private lineStarts: number[] | undefined;
  /** 0-based line of the last `position` answer. */
  private lastLine = 0;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** 1-based line and column of a 0-based offset; offsets past the end clamp to the last position. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // Importers mostly ask about offsets in reading order: the line of the previous answer, or
    // the next one, usually holds the offset and spares the search.
    let line = this.lastLine;
    if (!this.holds(line, clamped)) line = this.holds(line + 1, clamped) ? line + 1 : this.search(clamped);
    this.lastLine = line;
    return { line: line + 1, column: clamped - starts[line]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Whether the 0-based line holds the offset. */
  private holds(line: number, offset: number): boolean {
    const starts = this.starts();
    return (
      line < starts.length &&
      starts[line]! <= offset &&
      (line + 1 === starts.length || offset < starts[line + 1]!)
    );
  }

  /** The 0-based line that holds the offset: the last line starting at or before it. */
  private search(offset: number): number {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }
}
