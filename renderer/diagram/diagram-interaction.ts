import { drag, type D3DragEvent } from 'd3-drag';
import { pointer, select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { Position } from '../../models/model/threat-model';
import type { ViewCommand } from '../editor/actions/action';
import type { Editor } from '../editor/editor';
import type { Box } from '../editor/scene';
import { movingItems, type DiagramGeometry } from './diagram-geometry';

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** What the interaction needs from the diagram view. */
export interface DiagramHost {
  /** The element that takes the pointer and the wheel; its size is the view's. */
  surface: HTMLElement;
  /** A group in diagram coordinates (under the zoom transform): pointer positions are read in it. */
  viewport: SVGGElement;
  editor: Editor;
  geometry(): DiagramGeometry;
  setTransform(transform: ZoomTransform): void;
  /** A gesture started or stopped changing the zoom factor (pans alone do not count). */
  setZooming(zooming: boolean): void;
  setRubberBand(box: Box | null): void;
  setConnectLine(line: Segment | null): void;
}

type Subject =
  | { mode: 'move'; id: string; x: number; y: number }
  | { mode: 'resize'; id: string; x: number; y: number }
  | { mode: 'connect'; id: string; x: number; y: number }
  | { mode: 'area'; x: number; y: number };

const MIN_BOUNDARY = 60;

function closestData(target: EventTarget | null, attribute: string): HTMLElement | SVGElement | null {
  return target instanceof Element
    ? (target.closest(`[${attribute}]`) as HTMLElement | SVGElement | null)
    : null;
}

function normalized(x1: number, y1: number, x2: number, y2: number): Box {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/**
 * Pointer interaction of the diagram, with d3: `d3-zoom` pans and zooms the viewport (wheel, or a
 * drag on empty space), `d3-drag` moves items, resizes boundaries, draws flows from an element's
 * connect handle (or with the connect tool), and draws boxes (box-select with Shift, or a new
 * boundary with the boundary tool). Every change goes through the editor's actions; a drag
 * previews its scenes and commits one undo step at the end.
 */
export function attachDiagramInteraction(host: DiagramHost): {
  command(command: ViewCommand): void;
  transform(): ZoomTransform;
  centerOn(x: number, y: number): void;
  destroy(): void;
} {
  const { surface, viewport, editor } = host;
  const surfaceSelection = select<HTMLElement, unknown>(surface);
  let current: ZoomTransform = zoomIdentity;

  const toDiagram = (event: Event): [number, number] => pointer(event, viewport);

  // Drag first: a drag that starts on an item stops the event before zoom's own listener sees it.
  let start: { positions: Record<string, Position>; moving: string[] } | undefined;
  let moved = false;
  const dragBehaviour = drag<HTMLElement, unknown, Subject>()
    .container(() => viewport)
    .filter((event: MouseEvent) => !event.ctrlKey && event.button === 0)
    .subject((event: D3DragEvent<HTMLElement, unknown, Subject>) => {
      const source = event.sourceEvent as MouseEvent;
      const [x, y] = toDiagram(source);
      const ui = editor.ui.value;
      const handle = closestData(source.target, 'data-handle');
      const item = closestData(source.target, 'data-id');
      if (handle) {
        const id = handle.getAttribute('data-handle-for')!;
        return { mode: handle.getAttribute('data-handle') === 'resize' ? 'resize' : 'connect', id, x, y };
      }
      if (item && item.getAttribute('data-kind') !== 'flow') {
        const id = item.getAttribute('data-id')!;
        if (ui.tool === 'connect' && item.getAttribute('data-kind') === 'element')
          return { mode: 'connect', id, x, y };
        return { mode: 'move', id, x, y };
      }
      if (!item && (ui.tool === 'boundary' || (ui.tool === 'select' && source.shiftKey)))
        return { mode: 'area', x, y };
      return undefined as unknown as Subject;
    })
    .on('start', (event: D3DragEvent<HTMLElement, unknown, Subject>) => {
      const subject = event.subject;
      moved = false;
      if (subject.mode === 'move') {
        const source = event.sourceEvent as MouseEvent;
        const selection = editor.ui.value.selection;
        if (source.shiftKey) editor.dispatch('select', { ids: [subject.id], additive: true });
        else if (!selection.includes(subject.id)) editor.dispatch('select', { ids: [subject.id] });
        const scene = editor.scene.value;
        const moving = movingItems(scene, editor.ui.value.selection);
        start = {
          positions: Object.fromEntries(moving.map((id) => [id, scene.layout.positions[id]!])),
          moving,
        };
        editor.beginGesture();
      } else if (subject.mode === 'resize') {
        const position = editor.scene.value.layout.positions[subject.id];
        start = position ? { positions: { [subject.id]: position }, moving: [subject.id] } : undefined;
        editor.beginGesture();
      }
    })
    .on('drag', (event: D3DragEvent<HTMLElement, unknown, Subject>) => {
      const subject = event.subject;
      const dx = event.x - subject.x;
      const dy = event.y - subject.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) moved = true;
      if (!moved) return;
      const scene = editor.scene.value;
      if (subject.mode === 'move' && start) {
        const positions = { ...scene.layout.positions };
        for (const id of start.moving) {
          const p = start.positions[id]!;
          positions[id] = { ...p, x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
        }
        editor.preview({ model: scene.model, layout: { ...scene.layout, positions } });
      } else if (subject.mode === 'resize' && start) {
        const p = start.positions[subject.id]!;
        const positions = {
          ...scene.layout.positions,
          [subject.id]: {
            ...p,
            width: Math.max(MIN_BOUNDARY, Math.round((p.width ?? MIN_BOUNDARY) + dx)),
            height: Math.max(MIN_BOUNDARY, Math.round((p.height ?? MIN_BOUNDARY) + dy)),
          },
        };
        editor.preview({ model: scene.model, layout: { ...scene.layout, positions } });
      } else if (subject.mode === 'connect') {
        const from = host.geometry().elements.find((e) => e.id === subject.id);
        if (from)
          host.setConnectLine({
            x1: from.x + from.width / 2,
            y1: from.y + from.height / 2,
            x2: event.x,
            y2: event.y,
          });
      } else if (subject.mode === 'area') {
        host.setRubberBand(normalized(subject.x, subject.y, event.x, event.y));
      }
    })
    .on('end', (event: D3DragEvent<HTMLElement, unknown, Subject>) => {
      const subject = event.subject;
      const scene = editor.scene.value;
      if ((subject.mode === 'move' || subject.mode === 'resize') && start) {
        const ids = start.moving;
        start = undefined;
        if (moved) {
          const positions = Object.fromEntries(ids.map((id) => [id, scene.layout.positions[id]!]));
          editor.endGesture('set-positions', positions);
        } else editor.cancelGesture();
      } else if (subject.mode === 'connect') {
        host.setConnectLine(null);
        const source = event.sourceEvent as MouseEvent;
        const hit = document.elementFromPoint(source.clientX, source.clientY);
        const target = closestData(hit, 'data-id');
        if (target && target.getAttribute('data-kind') === 'element')
          editor.dispatch('connect', { from: subject.id, to: target.getAttribute('data-id')! });
      } else if (subject.mode === 'area') {
        host.setRubberBand(null);
        const box = normalized(subject.x, subject.y, event.x, event.y);
        if (editor.ui.value.tool === 'boundary') editor.dispatch('add-boundary', box);
        else editor.dispatch('box-select', { ...box, additive: true });
      }
    });
  surfaceSelection.call(dragBehaviour);

  let startScale = 1;
  let zooming = false;
  let settle: number | undefined;
  // The extent is read from a size cached by a ResizeObserver: d3's default reads clientWidth on
  // every wheel event, which forces a layout of the whole diagram while it is being zoomed.
  let extent: [[number, number], [number, number]] = [
    [0, 0],
    [surface.clientWidth, surface.clientHeight],
  ];
  const resize = new ResizeObserver(() => {
    extent = [
      [0, 0],
      [surface.clientWidth, surface.clientHeight],
    ];
  });
  resize.observe(surface);
  const zoomBehaviour: ZoomBehavior<HTMLElement, unknown> = zoom<HTMLElement, unknown>()
    .scaleExtent([0.05, 4])
    .extent(() => extent)
    .filter((event: Event) => {
      if (event.type === 'wheel') return true;
      if (event.type === 'dblclick') return false;
      const mouse = event as MouseEvent;
      if (mouse.button !== 0 && mouse.button !== 1) return false;
      return !closestData(mouse.target, 'data-id') && !closestData(mouse.target, 'data-handle');
    })
    .on('start', (event: D3ZoomEvent<HTMLElement, unknown>) => {
      startScale = event.transform.k;
    })
    .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
      current = event.transform;
      if (!zooming && current.k !== startScale) {
        zooming = true;
        if (settle === undefined) host.setZooming(true);
        else cancelAnimationFrame(settle);
        settle = undefined;
      }
      host.setTransform(current);
    })
    .on('end', (event: D3ZoomEvent<HTMLElement, unknown>) => {
      if (!zooming) return;
      zooming = false;
      if (!event.sourceEvent) {
        host.setZooming(false);
        return;
      }
      // d3 ends a wheel gesture on a 150 ms timer, which also fires after a frame that took
      // longer, with the wheel still turning. Ending the zoom lays out every label again, so it
      // waits for the next frame: wheel input is delivered at the start of a frame, and a zoom
      // that goes on cancels the wait.
      settle = requestAnimationFrame(() => {
        settle = undefined;
        host.setZooming(false);
      });
    });
  surfaceSelection.call(zoomBehaviour).on('dblclick.zoom', null);

  // A click (not a drag) on empty space places the current tool's element, or clears the selection.
  const onClick = (event: MouseEvent) => {
    const item = closestData(event.target, 'data-id');
    const ui = editor.ui.value;
    if (item) {
      if (item.getAttribute('data-kind') === 'flow')
        editor.dispatch('select', { ids: [item.getAttribute('data-id')!], additive: event.shiftKey });
      return;
    }
    if (closestData(event.target, 'data-handle')) return;
    const [x, y] = toDiagram(event);
    if (
      ui.tool === 'service' ||
      ui.tool === 'data-store' ||
      ui.tool === 'external' ||
      ui.tool === 'host' ||
      ui.tool === 'internet' ||
      ui.tool === 'cluster'
    )
      editor.dispatch('add-element', { kind: ui.tool, x, y });
    else if (ui.tool === 'select' && !event.shiftKey && ui.selection.length > 0)
      editor.dispatch('select', { ids: [] });
  };
  surface.addEventListener('click', onClick);

  const fit = () => {
    const bounds = host.geometry().bounds;
    const width = extent[1][0] || 800;
    const height = extent[1][1] || 600;
    if (!bounds) {
      surfaceSelection.call(zoomBehaviour.transform, zoomIdentity);
      return;
    }
    const margin = 40;
    const k = Math.min(
      1.5,
      Math.max(0.05, Math.min((width - margin) / bounds.width, (height - margin) / bounds.height)),
    );
    const tx = width / 2 - k * (bounds.x + bounds.width / 2);
    const ty = height / 2 - k * (bounds.y + bounds.height / 2);
    surfaceSelection.call(zoomBehaviour.transform, zoomIdentity.translate(tx, ty).scale(k));
  };

  return {
    command(command: ViewCommand) {
      if (command === 'fit') fit();
      else if (command === 'zoom-in') surfaceSelection.call(zoomBehaviour.scaleBy, 1.25);
      else if (command === 'zoom-out') surfaceSelection.call(zoomBehaviour.scaleBy, 0.8);
      else surfaceSelection.call(zoomBehaviour.transform, zoomIdentity);
    },
    transform: () => current,
    centerOn(x: number, y: number) {
      const width = extent[1][0] || 800;
      const height = extent[1][1] || 600;
      const k = current.k;
      surfaceSelection.call(
        zoomBehaviour.transform,
        zoomIdentity.translate(width / 2 - k * x, height / 2 - k * y).scale(k),
      );
    },
    destroy() {
      if (settle !== undefined) cancelAnimationFrame(settle);
      surface.removeEventListener('click', onClick);
      resize.disconnect();
      surfaceSelection.on('.drag', null).on('.zoom', null);
    },
  };
}
