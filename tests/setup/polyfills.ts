import { installPromiseWithResolvers } from '../../infra/local/promiseWithResolvers';

installPromiseWithResolvers();
