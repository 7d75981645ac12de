import { Button, MessageBar, MessageBarBody, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { StageItem } from '../../bot/http/contracts';
import { api, ApiFailure } from './api-client';
import { useApp } from './app-context';
import { canShareToStage, shareToStage, stageUrl } from './host';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { usePageStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  items: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  kind: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: 0 },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  count: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
  action: { alignSelf: 'flex-start' },
  link: { color: tokens.colorBrandForegroundLink, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * The meeting's page (`#/meeting?teamId=…`): in the side panel a course coordinator picks a reflection round (or,
 * once they exist, a dilemma round) of the team and shares it to the stage; elsewhere each item links to its view.
 */
export function MeetingPanelPage(props: { readonly teamId: string | undefined }) {
  const t = useT();
  const page = usePageStyles();
  return (
    <main className={page.main} data-page="meeting">
      <h1 className={page.h1}>{t('tab.meeting.panel.title')}</h1>
      {props.teamId ? <StageItems teamId={props.teamId} /> : <ChooseTeam />}
    </main>
  );
}

/** A meeting tab saved without a team: says so, and offers the teams this person coordinates (for this visit only). */
function ChooseTeam() {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { me } = useApp();
  const teams = me.teams.filter((team) => team.role !== 'member');
  return (
    <>
      <p className={page.paragraph}>{t('tab.meeting.panel.noTeam')}</p>
      {teams.length === 0 ? (
        <p className={page.paragraph}>{t('tab.meeting.config.noTeams')}</p>
      ) : (
        <nav aria-label={t('tab.meeting.config.team')}>
          <ul className={styles.items}>
            {teams.map((team) => (
              <li key={team.teamId}>
                <a className={styles.link} href={routeHash({ page: 'meeting', teamId: team.teamId })}>
                  {team.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

function StageItems(props: { readonly teamId: string }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, host } = useApp();
  const { state, reload } = useAsync(() => api.stageItems(client, props.teamId), [client, props.teamId]);
  // Sharing needs Teams' side panel; anywhere else (a meeting's chat tab, the stage, local developer mode) each item links to its view.
  const inSidePanel = host.kind === 'teams' && host.frameContext === 'sidePanel';
  const [canShare, setCanShare] = useState<boolean | undefined>(inSidePanel ? undefined : false);
  const [outcome, setOutcome] = useState<{ readonly shown: boolean; readonly title: string } | undefined>();
  const [sharing, setSharing] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    void canShareToStage(host).then((allowed) => current && setCanShare(allowed));
    return () => {
      current = false;
    };
  }, [host]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    if (state.failure instanceof ApiFailure && state.failure.status === 403) {
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('tab.meeting.panel.leadersOnly')}</MessageBarBody>
        </MessageBar>
      );
    }
    return <ErrorMessage failure={state.failure} onRetry={reload} />;
  }

  const { team, items } = state.data;
  const share = async (item: StageItem): Promise<void> => {
    setSharing(`${item.kind}/${item.id}`);
    try {
      await shareToStage(host, stageUrl({ teamId: team.teamId, kind: item.kind, id: item.id }));
      setOutcome({ shown: true, title: item.title });
    } catch {
      setOutcome({ shown: false, title: item.title });
    } finally {
      setSharing(undefined);
    }
  };

  return (
    <>
      <p className={page.lead} data-meeting="team">
        {t('tab.meeting.panel.team', { team: team.name })}
      </p>
      <p className={page.paragraph}>{t('tab.meeting.panel.intro')}</p>
      {inSidePanel && canShare === false && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('tab.meeting.panel.notPresenter')}</MessageBarBody>
        </MessageBar>
      )}
      {!inSidePanel && <p className={page.muted}>{t('tab.meeting.panel.openHint')}</p>}
      <div role="status" data-meeting="status">
        {outcome && (
          <MessageBar intent={outcome.shown ? 'success' : 'error'} layout="multiline">
            <MessageBarBody>{outcome.shown ? t('tab.meeting.panel.nowShown', { title: outcome.title }) : t('tab.meeting.panel.shareFailed')}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <section className={page.section} aria-labelledby="meeting-items">
        <h2 id="meeting-items" className={page.h2}>
          {t('tab.meeting.panel.items')}
        </h2>
        {items.length === 0 ? (
          <p className={page.paragraph}>{t('tab.meeting.panel.empty')}</p>
        ) : (
          <ul className={styles.items}>
            {items.map((item, index) => (
              <li key={`${item.kind}/${item.id}`} className={styles.item} data-stage-item={`${item.kind}/${item.id}`}>
                <p className={styles.kind}>{t(`tab.meeting.kind.${item.kind}`)}</p>
                <h3 id={`stage-item-${index}`} className={styles.title}>
                  {item.title}
                </h3>
                <p className={styles.count}>{t('tab.meeting.panel.sharedCount', { count: item.shared })}</p>
                {inSidePanel ? (
                  canShare && (
                    <Button
                      className={styles.action}
                      appearance="primary"
                      disabled={sharing !== undefined}
                      aria-describedby={`stage-item-${index}`}
                      onClick={() => void share(item)}
                    >
                      {t('tab.meeting.panel.share')}
                    </Button>
                  )
                ) : (
                  <a className={styles.link} href={routeHash({ page: 'stage', teamId: team.teamId, kind: item.kind, id: item.id })} aria-describedby={`stage-item-${index}`}>
                    {t('tab.meeting.panel.open')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
