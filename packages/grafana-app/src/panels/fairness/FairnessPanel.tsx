import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { FRAME_KIND, framesOfKind } from '../../shared/frames';
import { PanelMessage, PanelNotice } from '../common/PanelMessage';
import { panelStatus } from '../common/panelStatus';
import { DisparateImpactBand } from './DisparateImpactBand';
import { toFairnessModel, type FairnessSection } from './fairnessModel';
import { GroupTable } from './GroupTable';
import type { FairnessOptions } from './options';

const WORDING = {
  loading: 'Loading fairness…',
  empty:
    'No Modelwatch fairness rows: choose the Modelwatch datasource and the Fairness query type, with a protected attribute the model reports.',
};

const PADDING = 8;
/** The scrollbar that appears when sections do not fit must not push the table past the panel's edge. */
const SCROLLBAR = 12;

export function FairnessPanel({ data, width, height, options }: PanelProps<FairnessOptions>) {
  const styles = useStyles2(getStyles);
  const model = toFairnessModel(data.series, options);
  const status = panelStatus(data, framesOfKind(data.series, FRAME_KIND.fairness).length, WORDING);
  if (status.kind !== 'ready') {
    return (
      <PanelMessage kind={status.kind} message={status.message} testIdPrefix="fairness" width={width} height={height} />
    );
  }
  const inner = Math.max(0, width - 2 * PADDING - SCROLLBAR);
  const compact = width < 420;
  return (
    <div className={styles.root} style={{ width, height }} data-testid="fairness-panel">
      {status.notice && <PanelNotice message={status.notice} testId="fairness-error" />}
      {model.sections.map((section) => (
        <section key={section.key} className={styles.section} data-testid={`fairness-section-${section.key}`}>
          <SectionHeader section={section} compact={compact} />
          {options.showBand && <DisparateImpactBand section={section} compact={compact} />}
          <GroupTable
            section={section}
            width={inner}
            showIntervals={options.showIntervals}
            showRatio={options.showRatio}
          />
        </section>
      ))}
    </div>
  );
}

function SectionHeader({ section, compact }: { section: FairnessSection; compact: boolean }) {
  const styles = useStyles2(getStyles);
  const details = [
    `reference ${section.referenceGroup}`,
    `min group ${section.minGroupSize}`,
    `${Math.round(section.confidence * 100)}% intervals`,
    section.window,
  ].filter(Boolean);
  return (
    <div className={styles.header} title={details.join(' · ')}>
      <strong>{[section.attribute, ...section.tags].join(' · ')}</strong>
      {!compact && <span className={styles.details}>{details.join(' · ')}</span>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    overflowY: 'auto',
    overflowX: 'hidden',
    padding: PADDING,
    boxSizing: 'border-box',
    color: theme.colors.text.primary,
  }),
  section: css({ marginBottom: theme.spacing(2), minWidth: 0 }),
  header: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    marginBottom: theme.spacing(0.5),
  }),
  details: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
