import { memo } from 'react';
import { CATEGORY_LABEL } from '../model/canvas-graph';
import type { TransformCategory } from '../model/field-mapping';

export const TRANSFORM_DRAG_TYPE = 'application/x-mapwright-transform';

interface Props {
  disabledReason: string | null;
  /** The selected target field, which a click (or Enter) on a function wraps; null when none is selected. */
  selectedTarget: string | null;
  onApply(category: TransformCategory, target: string): void;
}

/**
 * Library functions to drag onto a mapped target field of the canvas; the rule then reads through the
 * function. The same works from the keyboard: select the target field, then press a function.
 */
export const TransformPalette = memo(function TransformPalette({ disabledReason, selectedTarget, onApply }: Props) {
  const disabled = disabledReason !== null;
  return (
    <div className="transform-palette" role="toolbar" aria-label="Transforms to drop on a target field">
      <span className="muted small">Drag onto a target field{selectedTarget ? ` or press to wrap ${selectedTarget}` : ''}:</span>
      {(Object.keys(CATEGORY_LABEL) as TransformCategory[]).map((c) => (
        <button
          key={c}
          type="button"
          className="transform-chip"
          draggable={!disabled}
          disabled={disabled}
          data-transform={c}
          title={disabledReason ?? (selectedTarget ? `Wrap the rule for ${selectedTarget} in ${CATEGORY_LABEL[c]}` : `Drag onto a mapped target field`)}
          onDragStart={(e) => {
            e.dataTransfer.setData(TRANSFORM_DRAG_TYPE, c);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => selectedTarget && onApply(c, selectedTarget)}
        >
          {CATEGORY_LABEL[c]}
        </button>
      ))}
    </div>
  );
});
