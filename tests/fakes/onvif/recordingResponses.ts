// ONVIF Profile G search (ver10/search/wsdl) and replay (ver10/replay/wsdl)
// answers, in the shapes NVRs send them (prefixes tse/trp, tt for the schema
// types). One recording per camera channel, covering [from, to].
import { escapeXml, textOf } from './soapEnvelope';

export interface FakeRecording {
  readonly token: string;
  /** What the NVR names the recorded camera (a channel token or the camera's address). */
  readonly sourceId: string;
  readonly sourceName: string;
  readonly from: Date;
  readonly to: Date;
  /** The RTSP replay URL GetReplayUri answers for this recording. */
  readonly replayUri: string;
}

export const SEARCH_NS = 'http://www.onvif.org/ver10/search/wsdl';
export const REPLAY_NS = 'http://www.onvif.org/ver10/replay/wsdl';

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function recordingInformation(recording: FakeRecording): string {
  return (
    `<tt:RecordingToken>${escapeXml(recording.token)}</tt:RecordingToken>` +
    `<tt:Source><tt:SourceId>${escapeXml(recording.sourceId)}</tt:SourceId><tt:Name>${escapeXml(recording.sourceName)}</tt:Name>` +
    '<tt:Location>Kho</tt:Location><tt:Description>Camera channel</tt:Description>' +
    `<tt:Address>${escapeXml(recording.sourceId)}</tt:Address></tt:Source>` +
    `<tt:EarliestRecording>${iso(recording.from)}</tt:EarliestRecording><tt:LatestRecording>${iso(recording.to)}</tt:LatestRecording>` +
    '<tt:Content>Continuous</tt:Content>' +
    `<tt:Track><tt:TrackToken>VIDEO001</tt:TrackToken><tt:TrackType>Video</tt:TrackType><tt:Description>Video</tt:Description>` +
    `<tt:DataFrom>${iso(recording.from)}</tt:DataFrom><tt:DataTo>${iso(recording.to)}</tt:DataTo></tt:Track>` +
    '<tt:RecordingStatus>Recording</tt:RecordingStatus>'
  );
}

/**
 * The search and replay operations of a Profile G device. Searches are
 * sessions: FindRecordings hands out a token, GetRecordingSearchResults pages
 * through the matches (MaxResults at a time), EndSearch closes it. Returns
 * null for an operation it does not know (the device answers ActionNotSupported).
 */
export class RecordingServices {
  private readonly searches = new Map<string, FakeRecording[]>();
  private nextSearch = 1;

  constructor(private readonly recordings: readonly FakeRecording[]) {}

  answer(operation: string, xml: string): string | null {
    switch (operation) {
      case 'GetRecordingSummary': {
        const from = Math.min(...this.recordings.map((r) => r.from.getTime()));
        const to = Math.max(...this.recordings.map((r) => r.to.getTime()));
        return (
          '<tse:GetRecordingSummaryResponse><tse:Summary>' +
          `<tt:DataFrom>${iso(new Date(from))}</tt:DataFrom><tt:DataUntil>${iso(new Date(to))}</tt:DataUntil>` +
          `<tt:NumberRecordings>${this.recordings.length}</tt:NumberRecordings></tse:Summary></tse:GetRecordingSummaryResponse>`
        );
      }
      case 'FindRecordings': {
        const sources = [...xml.matchAll(/<(?:[\w-]+:)?IncludedSources\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?IncludedSources>/g)].map((m) => textOf(m[1] ?? '', 'Token'));
        const wanted = sources.filter((s): s is string => s !== null);
        const token = `SearchToken_${this.nextSearch++}`;
        this.searches.set(token, this.recordings.filter((r) => wanted.length === 0 || wanted.includes(r.sourceId)));
        return `<tse:FindRecordingsResponse><tse:SearchToken>${token}</tse:SearchToken></tse:FindRecordingsResponse>`;
      }
      case 'GetRecordingSearchResults': {
        const token = textOf(xml, 'SearchToken') ?? '';
        const left = this.searches.get(token);
        if (left === undefined) return null;
        const max = Number(textOf(xml, 'MaxResults') ?? '100');
        const page = left.splice(0, Number.isFinite(max) && max > 0 ? max : 100);
        const state = left.length === 0 ? 'Completed' : 'Searching';
        return (
          '<tse:GetRecordingSearchResultsResponse><tse:ResultList>' +
          `<tt:SearchState>${state}</tt:SearchState>` +
          page.map((r) => `<tt:RecordingInformation>${recordingInformation(r)}</tt:RecordingInformation>`).join('') +
          '</tse:ResultList></tse:GetRecordingSearchResultsResponse>'
        );
      }
      case 'EndSearch': {
        this.searches.delete(textOf(xml, 'SearchToken') ?? '');
        return `<tse:EndSearchResponse><tse:Endpoint>${iso(new Date())}</tse:Endpoint></tse:EndSearchResponse>`;
      }
      case 'GetRecordingInformation': {
        const recording = this.recordings.find((r) => r.token === textOf(xml, 'RecordingToken'));
        return recording === undefined ? null : `<tse:GetRecordingInformationResponse><tse:RecordingInformation>${recordingInformation(recording)}</tse:RecordingInformation></tse:GetRecordingInformationResponse>`;
      }
      case 'GetReplayUri': {
        const recording = this.recordings.find((r) => r.token === textOf(xml, 'RecordingToken'));
        return recording === undefined ? null : `<trp:GetReplayUriResponse><trp:Uri>${escapeXml(recording.replayUri)}</trp:Uri></trp:GetReplayUriResponse>`;
      }
      default:
        return null;
    }
  }
}
