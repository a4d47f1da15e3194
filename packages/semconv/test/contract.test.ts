// The names below are written out on purpose: they are the contract users' dashboards, routes and silences
// depend on, so a rename must fail here, not only in the browser or live tests.
import {
  ALERT,
  ALERT_IDENTITY_LABELS,
  ALERT_NAME_MATCHER,
  ATTR,
  BINARY_METRICS,
  CHECK_DRIFT,
  DEFAULTS,
  FAIRNESS,
  FAIRNESS_KEYS,
  GROUP_RATES,
  GROUP_RATE_KEYS,
  LABEL,
  QUALITY_ISSUES,
  ISSUES,
  RECORD,
  DRIFT_THRESHOLD_MODES,
  DRIFT_ALPHA_RANGE,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  RECORD_PREFIX,
  RESERVED_LABELS,
  SEVERITY,
  SEVERITY_CLASSES,
  SEVERITY_CLASS_ORDER,
  STATISTICS,
  ALERT_FILES,
  receiverName,
  severityPattern,
  alertArea,
  labelTemplate,
  promLabel,
  snakeCase,
  type AttributeKey,
} from '@modelwatch/semconv';

describe('the label registry', () => {
  it('names every attribute by its Prometheus form', () => {
    for (const [key, attribute] of Object.entries(ATTR)) {
      expect(LABEL[key as keyof typeof LABEL]).toBe(promLabel(attribute as AttributeKey));
    }
  });

  it('has distinct label names', () => {
    const names = Object.values(LABEL);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reserves every label the generator sets on alerts', () => {
    for (const label of [...ALERT_IDENTITY_LABELS, LABEL.severity, LABEL.alertName]) {
      expect(RESERVED_LABELS).toContain(label);
    }
  });

  it('writes annotation templates', () => {
    expect(labelTemplate(LABEL.groupAttribute)).toBe('{{ $labels.group_attribute }}');
  });
});

describe('recorded series', () => {
  it('keep their published names', () => {
    expect(RECORD.psi('1h')).toBe('modelwatch:feature_psi:1h');
    expect(RECORD.referenceBins).toBe('modelwatch:feature_reference_bins:count');
    expect(RECORD.noiseQuantile).toBe('modelwatch:feature_noise_quantile:chi2');
    expect(RECORD.psiNoiseFloor('1h')).toBe('modelwatch:feature_psi_noise_floor:1h');
    expect(RECORD.jensenShannonNoiseFloor('1h')).toBe('modelwatch:feature_jensen_shannon_noise_floor:1h');
    expect(RECORD.binShare('5m')).toBe('modelwatch:feature_bin_share:ratio5m');
    expect(RECORD.referenceShare).toBe('modelwatch:feature_reference_share:max');
    expect(RECORD.performance('f1', '1d')).toBe('modelwatch:model_f1:ratio1d');
    expect(RECORD.groupRate('selectionRate', '1d')).toBe('modelwatch:group_selection_rate:ratio1d');
    expect(RECORD.fairness('disparateImpact', '1d')).toBe('modelwatch:fairness_disparate_impact:1d');
    expect(RECORD.sloError('30d')).toBe('modelwatch:slo_error:ratio_rate30d');
    expect(RECORD.burnRate('1h')).toBe('modelwatch:slo_burn_rate:1h');
    expect(RECORD.budgetRemaining).toBe('modelwatch:slo_error_budget_remaining:ratio');
    expect(RECORD.policyImpactRatio('1d')).toBe('modelwatch:policy_impact_ratio:ratio1d');
    expect(RECORD.policySelectionRate('1d')).toBe('modelwatch:policy_selection_rate:ratio1d');
    expect(RECORD.policyExcluded('1d')).toBe('modelwatch:policy_excluded:1d');
    expect(RECORD.policySettings).toBe('modelwatch:policy_settings:info');
    expect(RECORD.segmentPsi('1h')).toBe('modelwatch:segment_feature_psi:1h');
    expect(RECORD.segmentJensenShannon('1h')).toBe('modelwatch:segment_feature_jensen_shannon:1h');
    expect(RECORD.segmentBinShare('1h')).toBe('modelwatch:segment_feature_bin_share:ratio1h');
    expect([LABEL.favourable, LABEL.threshold, LABEL.excludeBelow, LABEL.minGroupSize, LABEL.window]).toEqual([
      'favourable',
      'threshold',
      'exclude_below',
      'min_group_size',
      'window',
    ]);
  });

  it('are all level-colon names under one prefix (Prometheus recording-rule convention)', () => {
    const names = Object.values(RECORD).map((r) => (typeof r === 'string' ? r : r('x', 'w')));
    for (const name of names) {
      expect(name.startsWith(RECORD_PREFIX)).toBe(true);
      expect(name).toMatch(/^[a-z_]+:[a-z_]+:[a-z_0-9]*$/);
    }
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('alerts', () => {
  it('keep their published names and all match the ALERTS selector', () => {
    expect(Object.values(ALERT).sort()).toEqual([
      'ModelwatchDataQuality',
      'ModelwatchEstimatedPerformanceBelowFloor',
      'ModelwatchFairness',
      'ModelwatchFeatureDriftChiSquare',
      'ModelwatchFeatureDriftJensenShannon',
      'ModelwatchFeatureDriftKS',
      'ModelwatchFeatureDriftPSI',
      'ModelwatchPerformanceBelowFloor',
      'ModelwatchPolicyImpactRatio',
      'ModelwatchSLOBurnRate',
      'ModelwatchSegmentDriftJensenShannon',
      'ModelwatchSegmentDriftPSI',
    ]);
    const pattern = new RegExp(`^${/=~"(.*)"$/.exec(ALERT_NAME_MATCHER)![1]}$`);
    for (const name of Object.values(ALERT)) expect(name).toMatch(pattern);
  });

  it('each belong to one area, and other names to none', () => {
    expect(alertArea('ModelwatchFeatureDriftKS')).toBe('drift');
    expect(alertArea('ModelwatchEstimatedPerformanceBelowFloor')).toBe('performance');
    expect(alertArea('ModelwatchDataQuality')).toBe('quality');
    expect(alertArea('ModelwatchSLOBurnRate')).toBe('slo');
    expect(alertArea('ModelwatchFairness')).toBe('fairness');
    expect(alertArea('ModelwatchPolicyImpactRatio')).toBe('fairness');
    expect(alertArea('Watchdog')).toBeUndefined();
    expect(alertArea('__proto__')).toBeUndefined();
    expect(alertArea('toString')).toBeUndefined();
  });
});

describe('the statistics catalogue', () => {
  const all = Object.values(STATISTICS).flatMap((area) => Object.values(area));

  it('keys every statistic by its own key, and labels it in snake case', () => {
    for (const area of Object.values(STATISTICS)) {
      for (const [key, spec] of Object.entries(area)) {
        expect(spec.key).toBe(key);
        expect(spec.label).toBe(snakeCase(key));
        expect(spec.displayName.length).toBeGreaterThan(0);
      }
    }
    expect(all.length).toBeGreaterThan(20);
  });

  it('orders default levels in the direction of trouble', () => {
    for (const spec of all) {
      for (const levels of [spec.levels, spec.checkLevels ?? {}]) {
        const { warning, critical } = levels;
        if (warning === undefined || critical === undefined) continue;
        expect(spec.direction === 'above' ? warning < critical : warning > critical).toBe(true);
      }
    }
  });

  it('has the drift statistics the rules record, with the levels documented in docs/alerting.md', () => {
    expect(RECORDED_DRIFT_KEYS).toEqual(['psi', 'jensenShannon', 'chiSquare', 'ks']);
    expect(RECORDED_DRIFT.psi.levels).toEqual({ warning: 0.1, critical: 0.2 });
    expect(RECORDED_DRIFT.jensenShannon.levels).toEqual({ warning: 0.1 });
    expect(RECORDED_DRIFT.psi.record!('1h')).toBe('modelwatch:feature_psi:1h');
    expect(RECORDED_DRIFT.ks.alert).toBe('ModelwatchFeatureDriftKS');
    expect(RECORDED_DRIFT.ks.appliesTo).toEqual(['numeric']);
    expect(CHECK_DRIFT.ksPValue.direction).toBe('below');
  });

  it('lists the same data-quality issues the instrumentation counts', () => {
    expect(Object.keys(QUALITY_ISSUES)).toEqual([...ISSUES]);
  });

  it('derives every disparity from group rates it has', () => {
    expect(GROUP_RATE_KEYS).toEqual(['selectionRate', 'tpr', 'fpr', 'fnr', 'precision']);
    for (const key of FAIRNESS_KEYS) {
      for (const rate of FAIRNESS[key].of) expect(GROUP_RATES[rate]).toBeDefined();
    }
    expect(FAIRNESS.disparateImpact).toMatchObject({ direction: 'below', reduce: 'ratio', label: 'disparate_impact' });
    expect(FAIRNESS.disparateImpact.checkLevels).toEqual({ warning: 0.8 });
    expect(FAIRNESS.equalizedOddsDifference.of).toEqual(['tpr', 'fpr']);
    expect(GROUP_RATES.selectionRate.sizeIn).toBe('predictions');
    expect(GROUP_RATES.tpr.sizeIn).toBe('labelled predictions');
  });

  it('has the binary metrics in the order rules record them', () => {
    expect(BINARY_METRICS).toEqual(['accuracy', 'precision', 'recall', 'f1']);
  });
});

describe('defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULTS).toMatchObject({ bins: 10, threshold: 0.5, minGroupSize: 30, confidence: 0.95, interval: '1m' });
    expect(DEFAULTS.drift).toEqual({
      window: '1h',
      for: '15m',
      minSamples: 200,
      baselineOffset: '1w',
      thresholds: 'noise-floor',
      alpha: 0.01,
    });
    // The default mode is a registered one, and the default α lies in its documented range.
    expect(DRIFT_THRESHOLD_MODES).toEqual(['noise-floor', 'fixed', 'reference-chunks']);
    expect(DRIFT_THRESHOLD_MODES).toContain(DEFAULTS.drift.thresholds);
    expect(DEFAULTS.drift.alpha).toBeGreaterThan(DRIFT_ALPHA_RANGE.min);
    expect(DEFAULTS.drift.alpha).toBeLessThan(DRIFT_ALPHA_RANGE.max);
    expect(DEFAULTS.slo.burnAlerts.map((a) => [a.long, a.short, a.burnRate])).toEqual([
      ['1h', '5m', 14.4],
      ['6h', '30m', 6],
      ['1d', '2h', 3],
      ['3d', '6h', 1],
    ]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULTS.drift)).toBe(true);
    expect(Object.isFrozen(RECORDED_DRIFT.psi)).toBe(true);
  });
});

describe('routing', () => {
  it('keeps the published receiver, label and file names users refer to from their own configs', () => {
    expect(LABEL.team).toBe('team');
    expect(RESERVED_LABELS).not.toContain(LABEL.team);
    expect(receiverName('page')).toBe('modelwatch-page');
    expect(receiverName('ticket', 'credit-risk')).toBe('modelwatch-team-credit-risk-ticket');
    expect(severityPattern('page')).toBe('page|critical');
    expect(severityPattern('ticket')).toBe('ticket|warning');
    expect(ALERT_FILES).toEqual({
      grafanaRules: 'modelwatch-alert-rules.yaml',
      grafanaContactPoints: 'modelwatch-contact-points.yaml',
      grafanaRoutesSnippet: 'modelwatch-notification-routes.snippet.yaml',
      grafanaPolicyTree: 'modelwatch-notification-policies.yaml',
      alertmanagerSnippet: 'modelwatch-alertmanager-routes.snippet.yaml',
    });
  });

  it('puts every severity in exactly one class, pages first', () => {
    const classed = SEVERITY_CLASS_ORDER.flatMap((c) => SEVERITY_CLASSES[c]);
    expect([...classed].sort()).toEqual(Object.values(SEVERITY).sort());
    expect(SEVERITY_CLASS_ORDER[0]).toBe('page');
  });

  it('paces pages faster than tickets, one notification per alert name and model version', () => {
    const { page, ticket } = DEFAULTS.routing.timing;
    expect(page).toEqual({ groupWait: '30s', groupInterval: '5m', repeatInterval: '1h' });
    expect(ticket).toEqual({ groupWait: '5m', groupInterval: '5m', repeatInterval: '12h' });
    expect(DEFAULTS.routing.groupBy).toEqual(['alertname', 'model_name', 'model_version']);
    expect(Object.isFrozen(DEFAULTS.routing.timing.page)).toBe(true);
  });
});
