import { useEffect, useRef, useState, type ReactNode } from 'react';
import { usePageStyles } from './styles';

/**
 * A horizontally scrolling container for a table at narrow widths.
 * @remarks Becomes focusable (and a labelled region) only while it actually scrolls, so keyboard users can scroll it.
 */
export function TableScroll(props: { readonly labelledBy: string; readonly children: ReactNode }) {
  const styles = usePageStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = (): void => setScrolls(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className={styles.tableWrap} {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-labelledby': props.labelledBy } : {})}>
      {props.children}
    </div>
  );
}
