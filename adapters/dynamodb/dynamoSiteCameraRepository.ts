import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CAMERA_REQUEST_TTL_MS, type CameraRequest, type CameraRequestAnswer } from '../../core/cameras/cameraRequest';
import type { SiteCamera } from '../../core/cameras/siteCamera';
import { ConflictError, NotFoundError } from '../../core/errors';
import { tableKeys } from '../../core/keys/tableKeys';
import type { SiteCameraRepository } from '../../core/ports/siteCameraRepository';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

function strip<T>(item: Record<string, unknown> | undefined): T | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, expiresAt: _expiresAt, ...rest } = item;
  return rest as T;
}

/** Added cameras in the tenant's partition; camera requests and the Cameras page's interest in the tenant's `#CAMREQ` partition (requests expire by TTL). */
export class DynamoSiteCameraRepository implements SiteCameraRepository {
  constructor(private readonly table: TableContext) {}

  async get(tenantId: string, cameraId: string): Promise<SiteCamera | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.siteCamera(tenantId, cameraId), ConsistentRead: true }));
    return strip<SiteCamera>(result.Item);
  }

  async list(tenantId: string): Promise<readonly SiteCamera[]> {
    const { pk, skPrefix } = tableKeys.siteCamerasOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => strip<SiteCamera>(item) as SiteCamera);
  }

  async create(camera: SiteCamera): Promise<void> {
    try {
      await this.table.doc.send(
        new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.siteCamera(camera.tenantId, camera.id), entity: 'siteCamera', ...camera }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`a camera ${camera.id} exists already`, { cause: error });
      throw error;
    }
  }

  async update(tenantId: string, cameraId: string, changes: Partial<Pick<SiteCamera, 'name' | 'profile' | 'schedule' | 'paused' | 'snapshot' | 'segmentSeconds' | 'roi' | 'username' | 'password' | 'nvr' | 'capture'>>, now: string): Promise<SiteCamera> {
    const update = new UpdateBuilder().set('updatedAt', now);
    for (const [attribute, value] of Object.entries(changes)) if (value !== undefined) update.set(attribute, value);
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: tableKeys.siteCamera(tenantId, cameraId), ...update.build('attribute_exists(pk)'), ReturnValues: 'ALL_NEW' }),
      );
      return strip<SiteCamera>(result.Attributes) as SiteCamera;
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('camera not found', { cause: error });
      throw error;
    }
  }

  async delete(tenantId: string, cameraId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.siteCamera(tenantId, cameraId) }));
  }

  async putRequest(request: CameraRequest): Promise<void> {
    const expiresAt = Math.ceil((Date.parse(request.requestedAt) + 2 * CAMERA_REQUEST_TTL_MS) / 1000);
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.cameraRequest(request.tenantId, request.id), entity: 'cameraRequest', ...request, pending: request.answer === null, expiresAt } }));
  }

  async getRequest(tenantId: string, requestId: string): Promise<CameraRequest | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.cameraRequest(tenantId, requestId), ConsistentRead: true }));
    const request = strip<CameraRequest & { pending?: boolean }>(result.Item);
    if (request === null) return null;
    const { pending: _pending, ...rest } = request;
    return rest;
  }

  async listPendingRequests(tenantId: string): Promise<readonly CameraRequest[]> {
    const { pk, skPrefix } = tableKeys.cameraRequestsOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix))
      .filter((item) => item['pending'] === true)
      .map((item) => {
        const { pending: _pending, ...rest } = strip<CameraRequest & { pending?: boolean }>(item) as CameraRequest & { pending?: boolean };
        return rest;
      });
  }

  async answerRequest(tenantId: string, requestId: string, answer: CameraRequestAnswer): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.cameraRequest(tenantId, requestId),
          UpdateExpression: 'SET #answer = :answer, #pending = :no',
          ConditionExpression: 'attribute_exists(pk) AND #pending = :yes',
          ExpressionAttributeNames: { '#answer': 'answer', '#pending': 'pending' },
          ExpressionAttributeValues: { ':answer': answer, ':no': false, ':yes': true },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markInterest(tenantId: string, at: string): Promise<void> {
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.camerasInterest(tenantId), entity: 'camerasInterest', at } }));
  }

  async interestAt(tenantId: string): Promise<string | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.camerasInterest(tenantId) }));
    const at = result.Item?.['at'];
    return typeof at === 'string' ? at : null;
  }
}
