/** Synthetic but realistic inputs for the benchmarks: every service uses the fields real projects
 * use (images, ports, env URLs, networks, security options, limits), with a mix of settings. */
export function generateCompose(services: number): string {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < services; i++) {
    const next = (i + 1) % services;
    const hardened = i % 3 === 0;
    lines.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:1.${i % 50}.0`,
      `    ports:`,
      `      - "${10000 + i}:8080"`,
      `    environment:`,
      `      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db${i % 10}:5432/app?sslmode=${i % 2 ? 'require' : 'disable'}`,
      `      NEXT_URL: http://svc${next}:8080/api`,
      `      LOG_LEVEL: info`,
      `    depends_on: [svc${next}]`,
      `    networks: [front, back${i % 4}]`,
      `    deploy:`,
      `      resources:`,
      `        limits: {cpus: "0.5", memory: 256M}`,
    );
    if (hardened) {
      lines.push(
        `    user: "10001"`,
        `    read_only: true`,
        `    cap_drop: [ALL]`,
        `    security_opt: ["no-new-privileges:true"]`,
      );
    } else if (i % 3 === 1) {
      lines.push(
        `    cap_add: [NET_ADMIN]`,
        `    volumes:`,
        `      - ./data/svc${i}:/data`,
        `      - /var/log:/host/log:ro`,
      );
    }
  }
  lines.push('networks:', '  front: {}');
  for (let n = 0; n < 4; n++) lines.push(`  back${n}:`, `    internal: true`);
  return `${lines.join('\n')}\n`;
}

/** `objects` Kubernetes objects: Deployments, Services and NetworkPolicies in ten namespaces. */
export function generateKubernetes(objects: number): string {
  const docs: string[] = [];
  for (let i = 0; docs.length < objects; i++) {
    const ns = `team${i % 10}`;
    const name = `app${i}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, tier: backend}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: ${name}
        image: registry.example.com/${name}:2.${i % 30}
        ports:
        - containerPort: 8080
        env:
        - name: UPSTREAM_URL
          value: http://app${i + 1}.${ns}.svc.cluster.local:8080
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: ${i % 2 === 0}
          capabilities:
            drop: [ALL]
        resources:
          limits: {cpu: 500m, memory: 256Mi}
          requests: {cpu: 100m, memory: 128Mi}`);
    if (docs.length < objects) {
      docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {app: ${name}}
  ports:
  - port: 8080
    targetPort: 8080`);
    }
    if (docs.length < objects && i % 4 === 0) {
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}-ingress
  namespace: ${ns}
spec:
  podSelector:
    matchLabels: {app: ${name}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels: {tier: backend}`);
    }
  }
  return `${docs.map((d) => `---\n${d}`).join('\n')}\n`;
}
