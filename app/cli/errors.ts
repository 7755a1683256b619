// CLI failures: a usage error (exit 2) or a failed operation carrying the service's typed error (exit 1).
import { RootsmithError } from '../../core/errors';

export class UsageError extends RootsmithError<'USAGE'> {
  constructor(message: string) {
    super('USAGE', message);
  }
}
