import { Readable } from "node:stream"
import fastifyMultipart, { type Multipart } from "@fastify/multipart"
import { TransferConfig } from "@openap/adapters"
import { DocumentType, type FileStorage, Ids, Role, type Transfer, Transfers } from "@openap/core"
import { DateTime, Duration, Effect, Either, Option, Schema, Stream } from "effect"
import type { FastifyReply, FastifyRequest } from "fastify"
import { Temporal } from "temporal-polyfill"
import yazl from "yazl"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import { NotFound } from "../HttpErrors.js"
import type { Journey, Web } from "../Journey.js"
import { paths } from "../paths.js"
import type { FieldError } from "../Views.js"

/**
 * Secure file transfer (the guidance's "Datalocker"): send a batch of files along the permitted
 * routes, review and confirm it, receive files in an inbox per organisation and role, download one
 * or all, see who downloaded what was sent. Uploads stream from the request into encrypted storage
 * through the core's checks; downloads stream back, each chunk verified before it is sent.
 */

const mayUse = { preHandler: Guards.allow(Transfers.TransferRights.mayUse) }

/** "6 Oct 2025, 12:45", London time. */
const when = (at: DateTime.Utc) =>
  Temporal.Instant.fromEpochMilliseconds(at.epochMillis)
    .toZonedDateTimeISO("Europe/London")
    .toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })

const day = (at: DateTime.Utc) =>
  Temporal.Instant.fromEpochMilliseconds(at.epochMillis)
    .toZonedDateTimeISO("Europe/London")
    .toLocaleString("en-GB", { dateStyle: "long" })

export const fileSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / (1024 * 1024)).toFixed(1)} MB`

const roleLabel = (role: Role.Role | undefined) => (role === undefined ? "" : Role.label[role])
const documentTypeLabel = (type: string) =>
  Option.match(Schema.decodeUnknownOption(DocumentType.DocumentType)(type), {
    onNone: () => type,
    onSome: (t) => DocumentType.label[t]
  })

/** Content-Disposition for a name the sender chose: ASCII fallback plus the exact name (RFC 6266). */
const attachment = (filename: string) => {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_")
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

// ---- the send form -------------------------------------------------------------------------

interface RowValues {
  readonly recipient: string
  readonly role: string
  readonly documentType: string
  readonly description: string
}

const emptyRow: RowValues = { recipient: "", role: "", documentType: "", description: "" }

interface Copy {
  readonly organisation: boolean
  readonly role: boolean
  readonly description: boolean
}

const noCopy: Copy = { organisation: false, role: false, description: false }

const fieldId = (index: number, field: keyof RowValues | "file") => `files-${index}-${field}`
const fieldName = (index: number, field: keyof RowValues | "file") => `files[${index}][${field}]`
const rowField = /^files\[(\d{1,2})\]\[(recipient|role|documentType|description|file)\]$/

const uploadProblem: Readonly<Record<Transfers.UploadRejected["reason"], string>> = {
  missing: "has no name",
  "too-long": "has a name that is too long",
  "control-characters": "has a name with characters that are not allowed",
  path: "has a name that looks like a folder path",
  empty: "is empty",
  "too-large": "is too large",
  format: `is not a ${Transfers.FileFormat.acceptedDescription} file`
}

const addressProblem: Readonly<
  Record<Transfers.InvalidAddress["reason"], { field: keyof RowValues; text: string }>
> = {
  "unknown-recipient": { field: "recipient", text: "Select who the file is for" },
  "role-required": { field: "role", text: "Select the role the file is for" },
  "role-not-allowed": { field: "role", text: "Select a role from the list" },
  "unknown-document-type": { field: "documentType", text: "Select the type of document" },
  "description-too-long": {
    field: "description",
    text: `Description must be ${Transfers.TransferSettings.descriptionMaxLength} characters or fewer`
  }
}

const renderSendForm = async (
  request: FastifyRequest,
  reply: FastifyReply,
  web: Web,
  settings: Transfers.TransferSettings.TransferSettings,
  state: {
    readonly rows: ReadonlyArray<RowValues>
    readonly copy: Copy
    readonly errors?: ReadonlyArray<FieldError>
  },
  status = 200
) => {
  const actor = Guards.actor(request)
  const destinations = await web.run(Transfers.destinations(actor))
  const toEstablishments = destinations.some((d) => d.roles.length > 0)
  const single = destinations.length === 1 ? destinations[0] : undefined
  const rows = state.rows.map((values, index) => ({
    index,
    number: index + 1,
    ids: {
      recipient: fieldId(index, "recipient"),
      role: fieldId(index, "role"),
      documentType: fieldId(index, "documentType"),
      description: fieldId(index, "description"),
      file: fieldId(index, "file")
    },
    names: {
      recipient: fieldName(index, "recipient"),
      role: fieldName(index, "role"),
      documentType: fieldName(index, "documentType"),
      description: fieldName(index, "description"),
      file: fieldName(index, "file")
    },
    recipients: [
      ...(single === undefined
        ? [{ value: "", text: "Select an organisation", selected: values.recipient === "" }]
        : []),
      ...destinations.map((d) => ({
        value: d.organisation.id,
        text: d.organisation.name,
        selected: single !== undefined || d.organisation.id === values.recipient
      }))
    ],
    roles: [
      { value: "", text: "Select a role", selected: values.role === "" },
      ...Transfers.TransferRights.destinationsOf(actor)
        .filter((k) => k !== "cap")
        .slice(0, 1)
        .flatMap(() =>
          ["cap_coordinator", "dsl"].map((role) => ({
            value: role,
            text: Role.label[role as Role.Role],
            selected: values.role === role
          }))
        )
    ],
    documentTypes: [
      { value: "", text: "Select a type of document", selected: values.documentType === "" },
      ...DocumentType.all.map((t) => ({
        value: t,
        text: DocumentType.label[t],
        selected: t === values.documentType
      }))
    ],
    description: values.description
  }))
  return reply.page(
    "datalocker/send",
    {
      title: "Send files",
      ...(state.errors === undefined ? {} : { errors: state.errors }),
      backLink: { href: paths.fileTransfer, text: "Back to received files" },
      rows,
      toEstablishments,
      copy: state.copy,
      maxFiles: settings.maxFilesPerBatch,
      maxFileSize: fileSize(settings.maxFileBytes),
      accepted: Transfers.FileFormat.acceptedDescription,
      moreRows:
        state.rows.length < settings.maxFilesPerBatch
          ? `${paths.sendFiles}?rows=${Math.min(settings.maxFilesPerBatch, state.rows.length + 3)}`
          : "",
      descriptionMax: Transfers.TransferSettings.descriptionMaxLength
    },
    status
  )
}

/** Reads a part's bytes to the end without keeping them: the rest of the request must still be read. */
const drain = (file: Readable) =>
  new Promise<void>((resolve) => {
    if (file.readableEnded || file.destroyed) return resolve()
    file
      .on("end", resolve)
      .on("error", () => resolve())
      .on("close", resolve)
    file.resume()
  })

class UploadInterrupted extends Schema.TaggedError<UploadInterrupted>()("UploadInterrupted", {}) {}

interface UploadState {
  readonly fields: Map<string, string>
  readonly staged: Map<number, Transfers.StagedFile>
  readonly errors: Array<FieldError>
  files: number
}

/**
 * The first field of the multipart form is its CSRF token. It is read here, before the app's CSRF
 * check (a preHandler), and handed to that check as the body: the files after it are only read once
 * the request is known to be the signed-in user's own.
 */
const readCsrfField = async (request: FastifyRequest) => {
  if (!request.isMultipart()) return
  const parts = request.parts()
  const first = await parts.next()
  const part = first.done === true ? undefined : (first.value as Multipart)
  const token = part?.type === "field" && part.fieldname === "_csrf" ? String(part.value) : ""
  ;(request as { body: unknown }).body = { _csrf: token }
  uploads.set(request, parts)
}
const uploads = new WeakMap<FastifyRequest, AsyncIterableIterator<Multipart>>()

const receiveUpload = async (
  request: FastifyRequest,
  web: Web,
  settings: Transfers.TransferSettings.TransferSettings
): Promise<UploadState> => {
  const actor = Guards.actor(request)
  const parts = uploads.get(request)
  const state: UploadState = { fields: new Map(), staged: new Map(), errors: [], files: 0 }
  if (parts === undefined) return state
  for await (const part of parts) {
    if (part.type === "field") {
      state.fields.set(part.fieldname, String(part.value))
      continue
    }
    const match = rowField.exec(part.fieldname)
    const index = Number(match?.[1])
    // An empty file input (no file chosen) still arrives, with no name; so does anything unexpected.
    if (match === null || match[2] !== "file" || part.filename === "" || state.staged.has(index)) {
      await drain(part.file)
      continue
    }
    state.files += 1
    if (state.files > settings.maxFilesPerBatch || state.errors.length > 0) {
      await drain(part.file)
      continue
    }
    const content = Stream.fromAsyncIterable(part.file, () => new UploadInterrupted())
    const outcome = await web.run(
      Effect.either(Transfers.storeUpload(actor, settings, { filename: part.filename, content }))
    )
    await drain(part.file)
    if (Either.isRight(outcome)) {
      state.staged.set(index, outcome.right)
    } else if (outcome.left._tag === "UploadRejected") {
      state.errors.push({
        field: fieldId(index, "file"),
        text: `${outcome.left.reason === "too-large" ? `The file must be smaller than ${fileSize(settings.maxFileBytes)}: ` : ""}File ${index + 1} ${uploadProblem[outcome.left.reason]}`
      })
    } else {
      await web.run(Transfers.discardUploads([...state.staged.values()]))
      throw outcome.left
    }
  }
  return state
}

const rowsFrom = (fields: Map<string, string>, count: number): Array<RowValues> =>
  Array.from({ length: count }, (_, i) => ({
    recipient: fields.get(fieldName(i, "recipient")) ?? "",
    role: fields.get(fieldName(i, "role")) ?? "",
    documentType: fields.get(fieldName(i, "documentType")) ?? "",
    description: fields.get(fieldName(i, "description")) ?? ""
  }))

const rowCount = (fields: Map<string, string>, staged: Map<number, unknown>, max: number) => {
  let highest = -1
  for (const name of fields.keys()) {
    const m = rowField.exec(name)
    if (m !== null) highest = Math.max(highest, Number(m[1]))
  }
  for (const i of staged.keys()) highest = Math.max(highest, i)
  return Math.min(max, Math.max(1, highest + 1))
}

// ---- the journey ---------------------------------------------------------------------------

const fileIdFrom = (request: FastifyRequest) =>
  Option.getOrThrowWith(
    Schema.decodeUnknownOption(Ids.TransferFileId)(Forms.param(request, "fileId")),
    () => new NotFound()
  )
const batchIdFrom = (request: FastifyRequest) =>
  Option.getOrThrowWith(
    Schema.decodeUnknownOption(Ids.TransferBatchId)(Forms.param(request, "batchId")),
    () => new NotFound()
  )

type Content = Stream.Stream<
  Uint8Array,
  FileStorage.StoredObjectNotFound | FileStorage.StoredObjectCorrupt | FileStorage.StorageFailure
>

/**
 * Pulls the first verified chunk before anything is sent, so a missing or tampered file is an error
 * page and not a truncated download; the rest streams. A failure later aborts the connection, which
 * the browser reports as a failed download.
 */
const streamOf = async (web: Web, content: Content): Promise<Readable> => {
  const iterator = Stream.toAsyncIterable(content)[Symbol.asyncIterator]()
  const first = await iterator.next().catch(async (error: unknown) => {
    // Rethrow the tagged error itself so the error pages map it.
    await web.run(Effect.fail(error))
    throw error
  })
  async function* rest() {
    if (first.done !== true) yield first.value
    for (;;) {
      const next = await iterator.next()
      if (next.done === true) return
      yield next.value
    }
  }
  return Readable.from(rest(), { objectMode: false })
}

export const datalocker: Journey = {
  name: "datalocker",
  navigation: [{ item: "file-transfer", href: paths.fileTransfer }],
  routes: (app, web) => {
    const settings = Effect.runSync(TransferConfig.config)

    app.register(async (scope) => {
      // Only this journey takes multipart bodies. Files stream through; nothing is buffered whole.
      await scope.register(fastifyMultipart, {
        limits: {
          fileSize: settings.maxFileBytes + 1,
          files: settings.maxFilesPerBatch + 1,
          fields: 6 * settings.maxFilesPerBatch + 10,
          fieldSize: 8 * 1024,
          parts: 7 * settings.maxFilesPerBatch + 20,
          headerPairs: 50
        },
        throwFileSizeLimit: false,
        // Busboy would quietly cut "../../x.pdf" down to "x.pdf"; the core refuses such names instead.
        preservePath: true
      })
      scope.addHook("preValidation", async (request) => {
        if (request.method === "POST" && request.routeOptions.url === paths.sendFiles)
          await readCsrfField(request)
      })

      scope.get(paths.fileTransfer, mayUse, async (request, reply) => {
        const actor = Guards.actor(request)
        const entries = await web.run(Transfers.inbox(actor, settings))
        const now = await web.run(DateTime.now)
        return reply.page("datalocker/inbox", {
          title: "Received files",
          files: entries.map((e) => ({
            href: paths.transferFile({ fileId: e.file.id }),
            download: paths.downloadTransferFile({ fileId: e.file.id }),
            filename: e.file.filename,
            from: e.sender.name,
            documentType: documentTypeLabel(e.file.documentType),
            description: e.file.description,
            forRole: roleLabel(e.file.recipientRole),
            size: fileSize(e.file.sizeBytes),
            sentAt: when(e.sentAt),
            state:
              e.state === "new"
                ? { text: "New", classes: "govuk-tag--blue" }
                : { text: "Downloaded", classes: "govuk-tag--grey" },
            expires: day(e.file.expiresAt),
            expiresSoon: e.expiresSoon,
            daysLeft: Transfers.daysLeft(e.file, now)
          })),
          downloadAll: entries.length > 0 ? paths.downloadAllTransferFiles : "",
          retentionDays: Duration.toDays(settings.retention)
        })
      })

      scope.get(paths.sentFiles, mayUse, async (request, reply) => {
        const entries = await web.run(Transfers.sentFiles(Guards.actor(request)))
        return reply.page("datalocker/sent", {
          title: "Sent files",
          sent: /^\d{1,2}$/.test(Forms.query(request, "sent")) ? Forms.query(request, "sent") : "",
          files: entries.map((e) => ({
            filename: e.file.filename,
            to: e.recipient.name,
            forRole: roleLabel(e.file.recipientRole),
            documentType: documentTypeLabel(e.file.documentType),
            size: fileSize(e.file.sizeBytes),
            sentAt: when(e.sentAt),
            accesses: e.accesses.map((a) => ({
              what: a.kind === "download" ? "Downloaded" : "Viewed",
              who: `${a.userName}, ${a.organisationName}`,
              at: when(a.at)
            }))
          }))
        })
      })

      scope.get(paths.sendFiles, mayUse, async (request, reply) => {
        const requested = Number.parseInt(Forms.query(request, "rows"), 10)
        const count = Number.isInteger(requested)
          ? Math.min(settings.maxFilesPerBatch, Math.max(1, requested))
          : 3
        return renderSendForm(request, reply, web, settings, {
          rows: Array.from({ length: count }, () => emptyRow),
          copy: noCopy
        })
      })

      scope.post(paths.sendFiles, mayUse, async (request, reply) => {
        const actor = Guards.actor(request)
        const upload = await receiveUpload(request, web, settings)
        const count = rowCount(upload.fields, upload.staged, settings.maxFilesPerBatch)
        const entered = rowsFrom(upload.fields, count)
        const copyValues = [...upload.fields.entries()].filter(([k]) => k === "copy").map(([, v]) => v)
        const copy: Copy = {
          organisation:
            upload.fields.get("copyOrganisation") === "yes" || copyValues.includes("organisation"),
          role: upload.fields.get("copyRole") === "yes",
          description: upload.fields.get("copyDescription") === "yes"
        }
        const staged = [...upload.staged.entries()].sort(([a], [b]) => a - b)
        const errors = [...upload.errors]
        if (upload.files > settings.maxFilesPerBatch)
          errors.push({
            field: fieldId(0, "file"),
            text: `Send ${settings.maxFilesPerBatch} files or fewer at a time`
          })
        if (errors.length === 0 && staged.length === 0)
          errors.push({ field: fieldId(0, "file"), text: "Choose a file to send" })
        const addressed = Transfers.copyTop(
          entered.map((r) => ({
            recipientOrganisationId: r.recipient,
            recipientRole: r.role,
            documentType: r.documentType,
            description: r.description
          })),
          copy
        )
        const again = (errs: ReadonlyArray<FieldError>, status = 400) =>
          renderSendForm(
            request,
            reply,
            web,
            settings,
            {
              rows: addressed.map((a) => ({
                recipient: a.recipientOrganisationId,
                role: a.recipientRole ?? "",
                documentType: a.documentType,
                description: a.description
              })),
              copy,
              errors: [
                ...errs,
                ...(staged.length > 0 || errs.length > 0
                  ? [
                      {
                        field: fieldId(0, "file"),
                        text: "Choose your files again: files are not kept when there is a problem"
                      }
                    ]
                  : [])
              ]
            },
            status
          )
        if (errors.length > 0) {
          await web.run(Transfers.discardUploads(staged.map(([, s]) => s)))
          return again(errors)
        }
        const items = staged.map(([index, s]) => ({ staged: s, address: addressed[index]! }))
        const outcome = await web.run(Effect.either(Transfers.createDraft(actor, settings, items)))
        if (Either.isRight(outcome))
          return reply.redirect(paths.transferDraft({ batchId: outcome.right }), 303)
        const failure = outcome.left
        if (failure._tag === "InvalidAddress") {
          const [row] = staged[failure.index] ?? [0]
          const problem = addressProblem[failure.reason]
          return again([{ field: fieldId(row, problem.field), text: `File ${row + 1}: ${problem.text}` }])
        }
        if (failure._tag === "InvalidBatch")
          return again([
            { field: fieldId(0, "file"), text: `Send ${settings.maxFilesPerBatch} files or fewer at a time` }
          ])
        throw failure
      })

      scope.get(paths.transferDraft.pattern, mayUse, async (request, reply) => {
        const batchId = batchIdFrom(request)
        const review = await web.run(Transfers.reviewDraft(Guards.actor(request), batchId))
        return reply.page("datalocker/review", {
          title: "Check the files before sending",
          confirm: paths.confirmTransfer({ batchId }),
          cancel: paths.cancelTransfer({ batchId }),
          files: review.files.map(({ file, recipient }) => ({
            filename: file.filename,
            rows: [
              { key: "To", value: recipient.name },
              ...(file.recipientRole === undefined
                ? []
                : [{ key: "For", value: roleLabel(file.recipientRole) }]),
              { key: "Type of document", value: documentTypeLabel(file.documentType) },
              { key: "Description", value: file.description === "" ? "None" : file.description },
              { key: "Size", value: fileSize(file.sizeBytes) }
            ]
          }))
        })
      })

      scope.post(paths.confirmTransfer.pattern, mayUse, async (request, reply) => {
        const files = await web.run(Transfers.confirmDraft(Guards.actor(request), batchIdFrom(request)))
        return reply.redirect(`${paths.sentFiles}?sent=${files.length}`, 303)
      })

      scope.post(paths.cancelTransfer.pattern, mayUse, async (request, reply) => {
        await web.run(Transfers.cancelDraft(Guards.actor(request), batchIdFrom(request)))
        return reply.redirect(paths.sendFiles, 303)
      })

      scope.get(paths.transferFile.pattern, mayUse, async (request, reply) => {
        const fileId = fileIdFrom(request)
        const file = await web.run(Transfers.viewFile(Guards.actor(request), fileId))
        return reply.page("datalocker/file", {
          title: file.filename,
          backLink: { href: paths.fileTransfer, text: "Back to received files" },
          filename: file.filename,
          download: paths.downloadTransferFile({ fileId }),
          rows: [
            { key: "Type of document", value: documentTypeLabel(file.documentType) },
            { key: "Description", value: file.description === "" ? "None" : file.description },
            ...(file.recipientRole === undefined
              ? []
              : [{ key: "For", value: roleLabel(file.recipientRole) }]),
            { key: "Size", value: fileSize(file.sizeBytes) },
            { key: "Deleted on", value: day(file.expiresAt) }
          ]
        })
      })

      scope.get(paths.downloadTransferFile.pattern, mayUse, async (request, reply) => {
        const [opened] = await web.run(Transfers.downloadFiles(Guards.actor(request), [fileIdFrom(request)]))
        const { file, content } = opened!
        const body = await streamOf(web, content)
        return reply
          .header("content-type", file.contentType)
          .header("content-length", String(file.sizeBytes))
          .header("content-disposition", attachment(file.filename))
          .header("cache-control", "no-store")
          .send(body)
      })

      scope.get(paths.downloadAllTransferFiles, mayUse, async (request, reply) => {
        const actor = Guards.actor(request)
        const entries = await web.run(Transfers.inbox(actor, settings))
        if (entries.length === 0) throw new NotFound()
        const opened = await web.run(
          Transfers.downloadFiles(
            actor,
            entries.map((e) => e.file.id)
          )
        )
        const zip = new yazl.ZipFile()
        const used = new Set<string>()
        for (const { file, content } of opened) {
          zip.addReadStream(Readable.from(Stream.toAsyncIterable(content)), uniqueName(file, used), {
            compress: false,
            size: file.sizeBytes
          })
        }
        zip.end()
        return reply
          .header("content-type", "application/zip")
          .header("content-disposition", attachment("received-files.zip"))
          .header("cache-control", "no-store")
          .send(zip.outputStream)
      })
    })
  }
}

/** Two files of the same name in one zip: the later ones get " (2)", " (3)" before the extension. */
const uniqueName = (file: Transfer.TransferFile, used: Set<string>) => {
  const dot = file.filename.lastIndexOf(".")
  const [stem, ext] = dot > 0 ? [file.filename.slice(0, dot), file.filename.slice(dot)] : [file.filename, ""]
  let name = file.filename
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`
  used.add(name.toLowerCase())
  return name
}
