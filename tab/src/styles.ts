import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';

/** Layout shared by the pages: a narrow-first column of sections, readable from 320 px. */
export const usePageStyles = makeStyles({
  main: {
    boxSizing: 'border-box',
    maxWidth: '1100px',
    marginInline: 'auto',
    paddingBlock: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    '@media (max-width: 480px)': { paddingInline: tokens.spacingHorizontalS },
  },
  h1: { ...typographyStyles.title3, margin: 0, ':focus': { outline: 'none' } },
  h2: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outline: 'none' } },
  h3: { ...typographyStyles.subtitle2, margin: 0 },
  lead: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
  section: {
    boxSizing: 'border-box',
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  tableWrap: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  table: { minWidth: '280px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  paragraph: { ...typographyStyles.body1, margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Data tables: full width, ruled rows, figures in tabular digits. */
export const useTableStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse' },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    paddingBlock: tokens.spacingVerticalS,
    paddingInlineEnd: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  rowHeader: { textAlign: 'start', fontWeight: tokens.fontWeightRegular },
  td: {
    verticalAlign: 'top',
    paddingBlock: tokens.spacingVerticalS,
    paddingInlineEnd: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    // Words wrap whole; a table wider than the panel scrolls in its own region (TableScroll), never mid-word.
    overflowWrap: 'break-word',
  },
  number: { fontVariantNumeric: 'tabular-nums' },
  note: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** A Select that never widens the page: as wide as its longest option at most, never wider than its column (long course titles on a phone). */
export const useFitSelectStyles = makeStyles({
  root: { maxWidth: '100%', minWidth: 0 },
  select: { maxWidth: '100%', minWidth: 0, textOverflow: 'ellipsis' },
});
