import { Field, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useApp } from './app-context';
import { inMeeting, registerTabSave, tabConfig } from './host';
import { useT } from './i18n';
import { usePageStyles } from './styles';

/** The channel tab's configuration page (`#/config`): sets up "Framdrift" for the team. */
export function ConfigPage() {
  const t = useT();
  const styles = usePageStyles();
  const { host } = useApp();
  const meeting = inMeeting(host);
  const config = useMemo(() => tabConfig(t('tab.config.tabName')), [t]);

  useEffect(() => {
    if (!meeting) registerTabSave(host, config, t('tab.config.saveFailed'));
  }, [host, config, t, meeting]);

  if (meeting) return <MeetingConfig />;

  return (
    <main className={styles.main}>
      <h1 className={styles.h1}>{t('tab.config.title')}</h1>
      <section className={styles.section} aria-labelledby="config-what">
        <h2 id="config-what" className={styles.h2}>
          {t('tab.config.whatTitle')}
        </h2>
        <p className={styles.paragraph}>{t('tab.config.intro', { tabName: config.suggestedDisplayName })}</p>
        <ul className={styles.list}>
          <li>{t('tab.config.leaders')}</li>
          <li>{t('tab.config.members')}</li>
          <li>{t('tab.config.privacy')}</li>
        </ul>
        {host.kind === 'teams' ? (
          <p className={styles.paragraph}>{t('tab.config.saveHint')}</p>
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <span>{t('tab.config.outsideTeams')}</span>
              <dl>
                <dt>{t('tab.config.tabNameLabel')}</dt>
                <dd data-config="name">{config.suggestedDisplayName}</dd>
                <dt>{t('tab.config.contentUrlLabel')}</dt>
                <dd data-config="url">
                  <code>{config.contentUrl}</code>
                </dd>
              </dl>
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </main>
  );
}

/**
 * The configuration page in a Teams meeting: the course coordinator chooses which of their teams the meeting shows.
 * @remarks The choice is saved only in the tab's content URL (`#/meeting?teamId=…`); the server stores nothing about the meeting.
 */
function MeetingConfig() {
  const t = useT();
  const styles = usePageStyles();
  const { host, me } = useApp();
  const teams = me.teams.filter((team) => team.role !== 'member');
  // The first team is chosen to begin with (shown in the list, so the person sees which before saving).
  const [teamId, setTeamId] = useState<string | undefined>(teams[0]?.teamId);
  const config = useMemo(() => tabConfig(t('tab.config.tabName'), window.location.origin, teamId ?? ''), [t, teamId]);

  useEffect(() => {
    registerTabSave(host, config, t('tab.config.saveFailed'), teamId !== undefined);
  }, [host, config, t, teamId]);

  return (
    <main className={styles.main} data-page="meeting-config">
      <h1 className={styles.h1}>{t('tab.meeting.config.title')}</h1>
      <section className={styles.section} aria-labelledby="meeting-config-team">
        <h2 id="meeting-config-team" className={styles.h2}>
          {t('tab.meeting.config.team')}
        </h2>
        <p className={styles.paragraph}>{t('tab.meeting.config.intro')}</p>
        {teams.length === 0 ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('tab.meeting.config.noTeams')}</MessageBarBody>
          </MessageBar>
        ) : (
          <Field label={t('tab.meeting.config.team')}>
            <Select value={teamId ?? ''} onChange={(_, data) => setTeamId(data.value)}>
              {teams.map((team) => (
                <option key={team.teamId} value={team.teamId}>
                  {team.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <p className={styles.muted}>{t('tab.meeting.config.stored')}</p>
        {host.kind !== 'teams' && teamId !== undefined && (
          <p className={styles.paragraph} data-config="url">
            <code>{config.contentUrl}</code>
          </p>
        )}
      </section>
    </main>
  );
}
