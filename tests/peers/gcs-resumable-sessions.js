'use strict';
// Makes firebase-tools' storage emulator answer resumable uploads as GCS does. Out of the box it appends the first
// PUT of a session and finalizes the object at once, whatever its Content-Range says: a 3 MiB upload in 1 MiB chunks
// stores the first 1 MiB. GCS instead (https://cloud.google.com/storage/docs/performing-resumable-uploads):
//   - `Content-Range: bytes a-b/*`: keeps the chunk, answers 308 with `Range: bytes=0-<last byte held>`;
//   - `bytes a-b/<total>`: keeps the chunk and, once it holds <total> bytes, creates the object (200 + metadata);
//   - `bytes */<total>` or `bytes */*` with no body: a status check (308 with the Range, or the object once complete);
//   - a chunk that starts past the bytes held is refused (the client must resume from the Range);
//   - an `x-goog-hash` (crc32c= / md5=) on the finalizing request that does not match refuses the upload (400) and
//     no object is created;
//   - DELETE on the session URI cancels it (499); a PUT on a cancelled session is refused.
// A PUT without Content-Range is the whole object in one request, which the emulator handled already.
//
// Applied at start (gcs-emulator.js), not by editing node_modules: the route factory the app is built from is wrapped,
// so a clean `npm ci` (which runs no install scripts with npm 11) gets the same peer. It uses firebase-tools
// internals (its upload service, storage layer and persistence): keep firebase-tools pinned.
const path = require('path');
const crypto = require('crypto');

const RANGE = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/;

function install(storageLib) {
  const gcloud = require(path.join(storageLib, 'apis', 'gcloud.js'));
  const { CloudStorageObjectMetadata } = require(path.join(storageLib, 'metadata.js'));
  const { NotFoundError, ForbiddenError } = require(path.join(storageLib, 'errors.js'));
  const { crc32c, crc32cToString } = require(path.join(storageLib, 'crc.js'));
  const { reqBodyToBuffer } = require(path.join(storageLib, '..', 'shared', 'request.js'));
  const original = gcloud.createCloudEndpoints;

  // server.js calls gcloud.createCloudEndpoints(emulator) when the app is created: wrap what it returns.
  gcloud.createCloudEndpoints = (emulator) => {
    const endpoints = original(emulator);
    return (req, res, next) => {
      const session = req.method === 'PUT' || req.method === 'DELETE'
        ? /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(req.path)
        : null;
      if (!session || !req.query.upload_id) {
        return endpoints(req, res, next);
      }

      const handle = req.method === 'DELETE' ? cancel : put;
      return handle(emulator, String(req.query.upload_id), req, res).catch(next);
    };
  };

  async function cancel(emulator, id, req, res) {
    try {
      emulator.uploadService.cancelResumableUpload(id);
    } catch (err) {
      return res.sendStatus(err instanceof NotFoundError ? 404 : 400);
    }

    return res.sendStatus(499);
  }

  async function put(emulator, id, req, res) {
    const { uploadService } = emulator;
    const contentRange = req.header('content-range');
    const body = await reqBodyToBuffer(req);
    let upload;
    try {
      upload = uploadService.getResumableUpload(id);
    } catch (err) {
      if (err instanceof NotFoundError) {
        return res.sendStatus(404);
      }
      throw err;
    }

    if (upload.status === 'cancelled') {
      return error(res, 410, 'The upload session was cancelled.');
    }

    if (upload.status === 'final') {
      return finished(emulator, upload, res);
    }

    if (contentRange === undefined) {
      uploadService.continueResumableUpload(id, body);
      return finish(emulator, upload, req, res);
    }

    const range = RANGE.exec(contentRange.trim());
    if (!range) {
      return error(res, 400, `Invalid Content-Range: ${contentRange}`);
    }

    const total = range[3] === '*' ? null : Number(range[3]);
    if (range[1] !== undefined) {
      const first = Number(range[1]);
      const last = Number(range[2]);
      if (last < first || body.length !== last - first + 1) {
        return error(res, 400, `The body has ${body.length} bytes; Content-Range ${contentRange} says otherwise.`);
      }

      if (first > upload.size) {
        return error(res, 400, `The chunk starts at byte ${first}, but the session holds ${upload.size} bytes.`);
      }

      // A chunk sent again after a lost answer overlaps what is held: keep only the new bytes.
      const fresh = body.subarray(upload.size - first);
      if (fresh.length > 0) {
        uploadService.continueResumableUpload(id, fresh);
      }
    } else if (body.length > 0) {
      return error(res, 400, 'A status check (bytes */...) carries no body.');
    }

    if (total !== null && upload.size > total) {
      return error(res, 400, `The session holds ${upload.size} bytes, more than the total ${total}.`);
    }

    if (total !== null && upload.size === total) {
      return finish(emulator, upload, req, res);
    }

    if (upload.size > 0) {
      res.header('Range', `bytes=0-${upload.size - 1}`);
    }

    return res.sendStatus(308);
  }

  /** Checks x-goog-hash against the bytes held, then creates the object, as GCS does with the final request. */
  async function finish(emulator, upload, req, res) {
    const bytes = upload.size > 0 ? emulator._persistence.readBytes(upload.path, upload.size) : Buffer.alloc(0);
    const held = {
      crc32c: crc32cToString(crc32c(bytes)),
      md5: crypto.createHash('md5').update(bytes).digest('base64'),
    };
    for (const [algorithm, value] of claimedHashes(req)) {
      if (held[algorithm] !== undefined && held[algorithm] !== value) {
        emulator.uploadService.cancelResumableUpload(upload.id);
        return error(res, 400, `Provided ${algorithm.toUpperCase()} "${value}" doesn't match calculated ${algorithm.toUpperCase()} "${held[algorithm]}".`);
      }
    }

    emulator.uploadService.finalizeResumableUpload(upload.id);
    let metadata;
    try {
      metadata = await emulator.adminStorageLayer.uploadObject(upload);
    } catch (err) {
      if (err instanceof ForbiddenError) {
        return res.sendStatus(403);
      }
      throw err;
    }

    return res.json(new CloudStorageObjectMetadata(metadata));
  }

  /** A status check on a finished session answers the object, as GCS does. */
  async function finished(emulator, upload, res) {
    try {
      const { metadata } = await emulator.adminStorageLayer.getObject({ bucketId: upload.bucketId, decodedObjectId: upload.objectId });
      return res.json(new CloudStorageObjectMetadata(metadata));
    } catch (err) {
      if (err instanceof NotFoundError) {
        return res.sendStatus(404);
      }
      throw err;
    }
  }

  /** "crc32c=AAAAAA==,md5=..." in one or several x-goog-hash headers. */
  function claimedHashes(req) {
    const raw = req.headers['x-goog-hash'];
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    return values
      .flatMap((value) => value.split(','))
      .map((pair) => pair.trim())
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')).toLowerCase(), pair.slice(pair.indexOf('=') + 1)]);
  }

  function error(res, code, message) {
    return res.status(code).json({ error: { code, message, errors: [{ reason: code === 400 ? 'invalid' : 'gone', message }] } });
  }
}

module.exports = { install };
