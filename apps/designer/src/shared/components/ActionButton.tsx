import { ButtonHTMLAttributes, useId } from 'react';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set the button is disabled and the reason is shown next to it, not only in a tooltip. */
  blockedReason?: string | null;
  busy?: boolean;
}

export function ActionButton({ blockedReason, busy, children, disabled, ...rest }: Props) {
  const id = useId();
  const blocked = !!blockedReason;
  return (
    <span className="action">
      <button type="button" {...rest} disabled={blocked || disabled || busy} aria-describedby={blocked ? id : undefined} title={blockedReason ?? rest.title}>
        {children}
      </button>
      {blocked && <span id={id} className="reason" role="note">{blockedReason}</span>}
    </span>
  );
}
