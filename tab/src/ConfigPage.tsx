import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { useApp } from './app-context';
import { registerTabSave, tabConfig } from './host';
import { useT } from './i18n';
import { usePageStyles } from './styles';

/** The channel tab's configuration page (`#/config`): sets up "Framdrift" for the team. */
export function ConfigPage() {
  const t = useT();
  const styles = usePageStyles();
  const { host } = useApp();
  const config = useMemo(() => tabConfig(t('tab.config.tabName')), [t]);

  useEffect(() => {
    registerTabSave(host, config, t('tab.config.saveFailed'));
  }, [host, config, t]);

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
