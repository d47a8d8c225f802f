import { forwardRef, type ReactNode } from 'react';

export interface SummaryItem {
  /** Id of the control to move to. */
  readonly targetId: string;
  readonly text: string;
}

export function focusControl(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

interface Props {
  readonly id: string;
  readonly title: string;
  readonly items: readonly SummaryItem[];
  readonly children?: ReactNode;
}

/** The list of problems shown above a form after a failed submit; it receives the focus. */
export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary(
  { id, title, items, children },
  ref,
) {
  return (
    <div
      ref={ref}
      id={id}
      className="alert alert-danger"
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      data-testid="error-summary"
    >
      <h2 id={`${id}-title`} className="h5 mb-2">
        {title}
      </h2>
      {items.length > 0 ? (
        <ul className="mb-0">
          {items.map((item) => (
            <li key={`${item.targetId}:${item.text}`}>
              <a
                href={`#${item.targetId}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusControl(item.targetId);
                }}
              >
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
});
