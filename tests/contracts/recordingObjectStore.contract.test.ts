import { RecordingObjectStore } from '../integration/transfer/support/recordingObjectStore';
import { describeObjectStoreContract } from './objectStoreContract';
import { s3ObjectStoreSubject } from './support/s3ObjectStoreSubject';

// The transfer tests' recorder must change nothing about the store it wraps.
describeObjectStoreContract('RecordingObjectStore over S3ObjectStore', s3ObjectStoreSubject((store) => new RecordingObjectStore(store)));
