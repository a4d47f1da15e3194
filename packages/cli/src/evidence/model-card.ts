import { z } from 'zod';
import { loadValidated } from './yaml-file.js';

// The sections of Mitchell et al. (2019), "Model Cards for Model Reporting", as YAML keys.
const text = z.string().min(1);
const texts = z.array(text).default([]);

const dataset = z
  .object({
    datasets: z.array(text).min(1).describe('The data sets, by name or reference.'),
    motivation: text.optional().describe('Why these data sets.'),
    preprocessing: text.optional().describe('How they were processed before use.'),
  })
  .strict();

export const modelCardSchema = z
  .object({
    modelDetails: z
      .object({
        name: text,
        version: text.optional(),
        date: text.optional(),
        type: text.optional().describe('Model type, e.g. gradient-boosted trees.'),
        description: text.optional(),
        owners: z
          .array(z.object({ name: text, contact: text.optional(), role: text.optional() }).strict())
          .min(1)
          .describe('Who answers for the model.'),
        license: text.optional(),
        citation: text.optional(),
        references: texts,
      })
      .strict(),
    intendedUse: z.object({ primaryUses: z.array(text).min(1), primaryUsers: texts, outOfScopeUses: texts }).strict(),
    factors: z.object({ relevantFactors: texts, evaluationFactors: texts }).strict().optional(),
    metrics: z
      .object({ performanceMeasures: texts, decisionThresholds: text.optional(), variationApproaches: text.optional() })
      .strict()
      .optional(),
    evaluationData: dataset.optional(),
    trainingData: dataset.optional(),
    quantitativeAnalyses: text.optional().describe('Where the measured numbers come from; the report adds them.'),
    ethicalConsiderations: texts,
    caveatsAndRecommendations: texts,
  })
  .strict();

export type ModelCard = z.infer<typeof modelCardSchema>;

/** Reads and validates a model card; a problem is one line naming the file and the key. */
export function loadModelCard(file: string): ModelCard {
  return loadValidated(file, modelCardSchema, 'YAML');
}
