/** The typed error of the deployment planner: a constraint that the fleet, a site or the satellites cannot meet. */
import { SkylaneError } from '../../errors/index.ts';

/** Which physical or operational constraint failed. */
export type DeploymentConstraint =
  | 'SITE_LATITUDE'
  | 'SITE_AZIMUTH'
  | 'VEHICLE_ALTITUDE'
  | 'VEHICLE_CAPACITY'
  | 'VEHICLE_SITE'
  | 'SATELLITE_PROPULSION'
  | 'NO_LAUNCH_OPTION';

/**
 * A deployment request that cannot be met, with the constraint named (code ARGUMENT_INVALID: the input must
 * change). `constraint` is stable; the message says which vehicle, site or orbit and how to fix it.
 */
export class DeploymentConstraintError extends SkylaneError {
  override readonly name: string = 'DeploymentConstraintError';
  readonly constraint: DeploymentConstraint;
  constructor(constraint: DeploymentConstraint, message: string, value?: unknown) {
    super('ARGUMENT_INVALID', `${constraint}: ${message}`, value);
    this.constraint = constraint;
  }
}
