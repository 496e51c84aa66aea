import { describeStorageProviderContract } from './storageProviderContract';
import { driveProviderSubject } from './support/driveProviderSubject';

describeStorageProviderContract('GoogleDriveProvider on the Drive protocol fake', driveProviderSubject);
