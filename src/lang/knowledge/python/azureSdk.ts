// Azure SDK clients built from a URL (azure-storage-blob/-file-share/-queue/-file-datalake, azure-keyvault-*):
// each sends its requests, with the caller's credential, to the host the URL names, so a URL from input is
// server-side request forgery and can hand the credential's token to that host.
import type { KnowledgeFamily } from "../KnowledgeRows.js";
import type { SinkRule } from "../../tables/ApiTable.js";

/** A client whose constructor's first argument (or the keyword) is the service URL. */
function constructed(module: string, client: string, keyword: string): SinkRule[] {
  return [
    { callee: `${module}.${client}`, concept: "http-request", args: [0], keywords: [keyword] },
    { callee: client, concept: "http-request", args: [0], keywords: [keyword] },
  ];
}

/** A client's `from_<x>_url(url, …)` class method. */
function fromUrl(module: string, client: string, method: string): SinkRule[] {
  return [
    { callee: `${module}.${client}.${method}`, concept: "http-request", args: [0], keywords: [method.slice(5)] },
    { callee: `${client}.${method}`, concept: "http-request", args: [0], keywords: [method.slice(5)] },
  ];
}

const BLOB = "azure.storage.blob";
const SHARE = "azure.storage.fileshare";
const QUEUE = "azure.storage.queue";
const LAKE = "azure.storage.filedatalake";

export const azureSdk: KnowledgeFamily = {
  family: "azure-sdk",
  sinks: [
    // Key Vault: SecretClient(vault_url, credential), KeyClient(…), CertificateClient(…).
    ...["secrets.SecretClient", "keys.KeyClient", "certificates.CertificateClient"].flatMap((c) => {
      const [sub, client] = c.split(".");
      return constructed(`azure.keyvault.${sub}`, client, "vault_url");
    }),
    // Storage service clients: BlobServiceClient(account_url, credential), ContainerClient(account_url, …).
    ...["BlobServiceClient", "ContainerClient", "BlobClient"].flatMap((c) => constructed(BLOB, c, "account_url")),
    ...["ShareServiceClient", "ShareClient", "ShareDirectoryClient", "ShareFileClient"].flatMap((c) => constructed(SHARE, c, "account_url")),
    ...["QueueServiceClient", "QueueClient"].flatMap((c) => constructed(QUEUE, c, "account_url")),
    ...["DataLakeServiceClient", "FileSystemClient", "DataLakeDirectoryClient", "DataLakeFileClient"].flatMap((c) => constructed(LAKE, c, "account_url")),
    // …and the class methods that take a whole resource URL.
    ...fromUrl(BLOB, "ContainerClient", "from_container_url"),
    ...fromUrl(BLOB, "BlobClient", "from_blob_url"),
    ...fromUrl(SHARE, "ShareClient", "from_share_url"),
    ...fromUrl(SHARE, "ShareDirectoryClient", "from_directory_url"),
    ...fromUrl(SHARE, "ShareFileClient", "from_file_url"),
    ...fromUrl(QUEUE, "QueueClient", "from_queue_url"),
    ...fromUrl(LAKE, "DataLakeFileClient", "from_file_url"),
    ...fromUrl(LAKE, "DataLakeDirectoryClient", "from_directory_url"),
    // Module-level helpers: download_blob_from_url(blob_url, output), upload_blob_to_url(blob_url, data).
    ...["download_blob_from_url", "upload_blob_to_url"].flatMap((f) => [
      { callee: `${BLOB}.${f}`, concept: "http-request" as const, args: [0], keywords: ["blob_url"] },
      { callee: f, concept: "http-request" as const, args: [0], keywords: ["blob_url"] },
    ]),
  ],
};
