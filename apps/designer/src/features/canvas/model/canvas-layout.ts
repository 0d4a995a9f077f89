/** Node positions the user dragged, persisted per spec; versioned and validated so a stale layout is dropped, not trusted. */
export const CANVAS_LAYOUT_VERSION = 1;

export interface CanvasLayout {
  layoutVersion: typeof CANVAS_LAYOUT_VERSION;
  specId: string;
  positions: Record<string, { x: number; y: number }>;
}

export function parseCanvasLayout(raw: string | null, specId: string): CanvasLayout | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<CanvasLayout>;
  if (v.layoutVersion !== CANVAS_LAYOUT_VERSION || v.specId !== specId || !v.positions || typeof v.positions !== 'object') return null;
  const positions: CanvasLayout['positions'] = {};
  for (const [id, p] of Object.entries(v.positions)) {
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) positions[id] = { x: p.x, y: p.y };
  }
  return { layoutVersion: CANVAS_LAYOUT_VERSION, specId, positions };
}

const key = (specId: string) => `mapwright.canvas.${specId}`;

export function loadCanvasLayout(specId: string): CanvasLayout | null {
  return parseCanvasLayout(localStorage.getItem(key(specId)), specId);
}

export function saveCanvasLayout(layout: CanvasLayout): void {
  localStorage.setItem(key(layout.specId), JSON.stringify(layout));
}
