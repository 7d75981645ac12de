import { Link } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useT } from './i18n';
import { parseBlocks, parseInline, type Inline } from './markdown-subset';
import { usePageStyles } from './styles';

function InlineText(props: { readonly inlines: readonly Inline[] }): ReactNode {
  const t = useT();
  const page = usePageStyles();
  return props.inlines.map((inline, index) => {
    switch (inline.kind) {
      case 'text':
        return inline.text;
      case 'strong':
        return (
          <strong key={index}>
            <InlineText inlines={inline.children} />
          </strong>
        );
      case 'em':
        return (
          <em key={index}>
            <InlineText inlines={inline.children} />
          </em>
        );
      case 'link':
        return (
          <Link key={index} href={inline.href} target="_blank" rel="noreferrer" inline>
            <InlineText inlines={inline.children} />
            <span className={page.visuallyHidden}> {t('tab.lesson.newWindow')}</span>
          </Link>
        );
    }
  });
}

/** A paragraph of lesson text in the cards' Markdown subset, as paragraphs and lists. */
export function RichText(props: { readonly text: string }) {
  const page = usePageStyles();
  return parseBlocks(props.text).map((block, index) =>
    block.kind === 'paragraph' ? (
      <p key={index} className={page.paragraph}>
        <InlineText inlines={block.inlines} />
      </p>
    ) : block.ordered ? (
      <ol key={index} className={page.list}>
        {block.items.map((item, i) => (
          <li key={i}>
            <InlineText inlines={item} />
          </li>
        ))}
      </ol>
    ) : (
      <ul key={index} className={page.list}>
        {block.items.map((item, i) => (
          <li key={i}>
            <InlineText inlines={item} />
          </li>
        ))}
      </ul>
    ),
  );
}

/** One line of text in the cards' Markdown subset, without paragraphs (e.g. a key fact). */
export function InlineMarkdown(props: { readonly text: string }) {
  return <InlineText inlines={parseInline(props.text)} />;
}
