import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface Props {
  /** Text for the browser tab; the heading shows `children` (or this text). */
  readonly title: string;
  readonly children?: ReactNode;
  readonly className?: string;
}

/**
 * The page's h1. It names the browser tab and, after an in-app navigation, takes the focus so that
 * screen reader users hear where they arrived (on the first load the browser does this itself).
 */
export function PageTitle({ title, children, className }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const firstLoad = location.key === 'default';

  useEffect(() => {
    document.title = `${title} — Abitare`;
  }, [title]);

  useEffect(() => {
    if (!firstLoad) ref.current?.focus({ preventScroll: false });
  }, [firstLoad, location.pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className={`page-title ${className ?? ''}`}>
      {children ?? title}
    </h1>
  );
}
