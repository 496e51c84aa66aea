export { startFakeCognito, type FakeCognito, type FakeCognitoOptions, type FakeCognitoUser } from './fakeCognito';
