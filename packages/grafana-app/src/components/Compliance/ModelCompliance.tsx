import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, useStyles2 } from '@grafana/ui';
import { POLICY_NAMES } from '@modelwatch/semconv';
import type { ComplianceModel } from '../../shared/compliance';
import { testIds } from '../testIds';
import { PackTable, thresholdNote } from './PackTable';
import { COMPLIANCE_LOOK } from './status';

/** One model version: each policy pack with its legal reference, threshold and a table per attribute. */
export function ModelCompliance({ model: m }: { model: ComplianceModel }): ReactNode {
  const styles = useStyles2(getStyles);
  const look = COMPLIANCE_LOOK[m.status];
  const title = [m.model, m.version].filter((x) => x).join(' ');
  return (
    <div
      className={styles.model}
      data-testid={testIds.compliance.model}
      data-model={m.model}
      data-version={m.version}
      data-status={m.status}
      data-settings={m.settings}
      data-favourable={m.favourable}
    >
      <h3 className={styles.title}>
        {title} <Badge color={look.color} text={look.label} />
      </h3>
      {m.error !== undefined ? (
        <Alert data-testid={testIds.compliance.modelError} severity="warning" title={`No policy tables for ${title}`}>
          {m.error}
        </Alert>
      ) : (
        <>
          <div className={styles.muted} data-testid={testIds.compliance.selection}>
            Selections of the {m.favourable} class ({m.classes?.[m.favourable] ?? '–'}) over the last {m.window}
            {m.settings === 'rules' ? ", as this model's policy rules judge them." : '.'}
          </div>
          {m.packs === 'all' ? (
            <div className={styles.muted}>
              No policy rules are recorded for this model (no <code>policies</code> in its modelwatch.yaml, or its rules
              are not loaded): every pack is shown with the default threshold, exclusion share and minimum group size.
            </div>
          ) : (
            m.settings === 'defaults' && (
              <div className={styles.muted}>
                Its policy rules record no settings (rules written by an older <code>modelwatch rules</code>): shown
                with the default favourable class, threshold, exclusion share, minimum group size and window, which may
                differ from the rules&apos;.
              </div>
            )
          )}
          {POLICY_NAMES.map((policy) => {
            const tables = m.tables.filter((t) => t.policy === policy);
            const first = tables[0];
            if (first === undefined) {
              return null;
            }
            return (
              <div key={policy} className={styles.pack}>
                <h4 className={styles.packTitle}>{first.displayName}</h4>
                <div className={styles.muted}>{first.reference}</div>
                <div className={styles.muted}>{thresholdNote(first)}</div>
                {tables.map((t) => (
                  <PackTable key={`${t.rate}\u0000${t.attribute}`} table={t} />
                ))}
              </div>
            );
          })}
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  model: css({ marginTop: theme.spacing(2), paddingBottom: theme.spacing(1) }),
  title: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1) }),
  pack: css({ marginTop: theme.spacing(2) }),
  packTitle: css({ marginBottom: theme.spacing(0.5) }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
