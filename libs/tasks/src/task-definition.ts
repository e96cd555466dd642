import type { z } from 'zod';
import type { MessageDefinition, TaskPayload } from '@edr/contracts';

/** A task message: a command whose payload names its task row (`taskId`, see @edr/contracts TaskPayload). */
export type TaskDefinition = MessageDefinition<z.ZodType<TaskPayload>> & { readonly kind: 'command' };
