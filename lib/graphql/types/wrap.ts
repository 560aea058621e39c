import { GraphQLList, GraphQLNonNull, type GraphQLNullableType } from 'graphql';

export const nn = <T extends GraphQLNullableType>(t: T) => new GraphQLNonNull(t);
/** [T!]! */
export const list = <T extends GraphQLNullableType>(t: T) => nn(new GraphQLList(nn(t)));
