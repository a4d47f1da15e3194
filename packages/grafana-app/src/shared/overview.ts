/**
 * One row of the app's models overview: a model version at a glance. Produced by the datasource
 * (`MlDataSource.getModelOverview`) from the raw Modelwatch series and Prometheus' `ALERTS`, rendered by the app.
 */
export type Status = 'ok' | 'warning' | 'critical' | 'unknown';

export interface RegressionNumbers {
  mae: number;
  rmse: number;
  mape: number;
  bias: number;
}

export interface ModelOverview {
  model: string;
  version: string;
  /** Predictions per second over the overview window. */
  predictionRate: number;
  /** Errors / (predictions + errors) over the window; NaN without traffic. */
  errorRatio: number;
  drift: {
    status: Status;
    /** The feature with the largest PSI against the reference and that PSI (NaN without data). */
    worstFeature?: string;
    worstPsi: number;
    /**
     * Models that record attributions: the nDCG of the live attribution-importance ranking against the reference over
     * the window (1 = what drives decisions is unchanged; below 0.9 it has changed), after replicas are merged.
     */
    explanationNdcg?: number;
  };
  performance: {
    status: Status;
    /** Realized and estimated F1 (binary models) or accuracy; NaN without outcomes (and for regression models). */
    realized: number;
    estimated: number;
    metric: 'f1' | 'accuracy';
    /**
     * Regression models only (they export error sums instead of confusion cells): MAE, RMSE, MAPE (a fraction)
     * and bias (mean of prediction − actual, positive = over-prediction) over the window; NaN without outcomes.
     */
    regression?: RegressionNumbers;
  };
  fairness: {
    status: Status;
    /** Smallest disparate impact over the protected attributes (eligible groups only); NaN if not computable. */
    disparateImpact: number;
    attribute?: string;
  };
  slo: {
    status: Status;
    /** Smallest error budget remaining over the SLOs that have recorded series; NaN if none. */
    budgetRemaining: number;
  };
  /** Names of the Modelwatch alerts firing or pending for this model version. */
  alerts: Array<{ name: string; state: 'firing' | 'pending'; severity?: string }>;
}
