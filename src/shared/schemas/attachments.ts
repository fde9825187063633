/** Schemas of the attachments module (uploads and downloads of complaint files). */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export const Attachment = Type.Object(
  {
    id: Uuid,
    filename: Type.String({ description: 'File name as stored (path and control characters removed)' }),
    contentType: Type.Union(ATTACHMENT_CONTENT_TYPES.map((c) => Type.Literal(c)), { description: 'Type detected from the content' }),
    size: Type.Integer({ description: 'Stored size in bytes (after metadata removal)' }),
  },
  { additionalProperties: false },
);
export type TAttachment = Static<typeof Attachment>;

/** Described for OpenAPI only: multipart bodies are read by the route itself. */
export const UploadDescription =
  'multipart/form-data with one file part named "file" (JPEG, PNG, WebP or PDF, at most 5 MB; the type is detected from the content) ' +
  'and an optional field "keepLocation" ("true" keeps the photo\'s metadata, including its GPS position; by default Exif, XMP, IPTC and text metadata are removed).';
