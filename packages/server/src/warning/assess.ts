/**
 * Risk assessment of screening events for the service: the core's `createEventAssessor` (SGP4 states at TCA, CDM
 * with default covariances and CARA hard-body radii, Foster Pc at the true TCA, Alfano maximum Pc), the same code
 * the CLI's `skylane screen --cdm-dir` uses.
 */
import { createEventAssessor, type EventAssessment, type EventAssessmentContext, type ScreeningEvent } from '@skylane/core';

export type AssessedEvent = EventAssessment;
export type AssessContext = EventAssessmentContext & { readonly screenPeriod: NonNullable<EventAssessmentContext['screenPeriod']> };

/** Assesses screening events; SGP4 satellites are initialised once per object. */
export function createAssessor(ctx: AssessContext): (event: ScreeningEvent, messageId: string) => AssessedEvent {
  return createEventAssessor(ctx);
}
