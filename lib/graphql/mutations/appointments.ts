import 'server-only';
import { GraphQLID, GraphQLInputObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { cancelAppointment, createAppointment, updateAppointment } from '@/lib/appointments/save-appointment';
import type { GraphQLContext } from '../context';
import { DateTimeScalar } from '../scalars';
import { AppointmentStatusEnum } from '../types/enums';
import { AppointmentType } from '../types/lead';
import { nn } from '../types/wrap';
import { given, idOf, writer, type Args } from './common';

const appointmentFields = {
  title: { type: GraphQLString },
  startsAt: { type: DateTimeScalar },
  endsAt: { type: DateTimeScalar },
  status: { type: AppointmentStatusEnum },
  notes: { type: GraphQLString },
  source: { type: GraphQLString, description: 'Where it was booked (your system’s name).' },
  externalId: { type: GraphQLString, description: 'Your id for it.' },
};

const CreateAppointmentInput = new GraphQLInputObjectType({
  name: 'CreateAppointmentInput',
  fields: { leadId: { type: nn(GraphQLID) }, ...appointmentFields, title: { type: nn(GraphQLString) }, startsAt: { type: nn(DateTimeScalar) } },
});
const UpdateAppointmentInput = new GraphQLInputObjectType({ name: 'UpdateAppointmentInput', description: 'Only the fields given change.', fields: appointmentFields });

const appointmentId = (args: Args) => idOf(args.id, 'Appointment', 'appointment');

export const appointmentMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  createAppointment: {
    type: nn(AppointmentType),
    args: { input: { type: nn(CreateAppointmentInput) } },
    resolve: (_s, args: Args, ctx) => {
      const input = given(args.input as Record<string, unknown>);
      return createAppointment(writer(ctx), { ...input, leadId: idOf(input.leadId, 'Lead', 'lead') });
    },
  },
  updateAppointment: {
    type: nn(AppointmentType),
    args: { id: { type: nn(GraphQLID) }, input: { type: nn(UpdateAppointmentInput) } },
    resolve: (_s, args: Args, ctx) => updateAppointment(writer(ctx), appointmentId(args), given(args.input as Record<string, unknown>)),
  },
  cancelAppointment: {
    type: nn(AppointmentType),
    args: { id: { type: nn(GraphQLID) } },
    resolve: (_s, args: Args, ctx) => cancelAppointment(writer(ctx), appointmentId(args)),
  },
};
