import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Spinner, useStyles2 } from '@grafana/ui';

interface Props {
  kind: 'loading' | 'error' | 'empty';
  message: string;
  /** data-testid of the message: `<testIdPrefix>-<kind>`, e.g. `drift-empty`. */
  testIdPrefix: string;
  width: number;
  height: number;
}

/** Centred, wrapping text that tells the user what happened and what to do; fits any panel size. */
export function PanelMessage({ kind, message, testIdPrefix, width, height }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.root}
      style={{ width, height }}
      data-testid={`${testIdPrefix}-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      <div className={kind === 'error' ? styles.error : styles.text}>
        {kind === 'loading' ? (
          <Spinner inline />
        ) : (
          <Icon name={kind === 'error' ? 'exclamation-triangle' : 'info-circle'} />
        )}{' '}
        {message}
      </div>
    </div>
  );
}

/** A query error that came with usable frames: one line above the visual, with the full text on hover. */
export function PanelNotice({ message, testId }: { message: string; testId: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.notice} data-testid={testId} role="alert" title={message}>
      <Icon name="exclamation-triangle" size="sm" /> {message}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'auto',
    padding: theme.spacing(1),
    boxSizing: 'border-box',
  }),
  text: css({
    color: theme.colors.text.secondary,
    textAlign: 'center',
    maxWidth: '100%',
    overflowWrap: 'anywhere',
  }),
  error: css({
    color: theme.colors.error.text,
    textAlign: 'center',
    maxWidth: '100%',
    overflowWrap: 'anywhere',
  }),
  notice: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    flexShrink: 0,
  }),
});
