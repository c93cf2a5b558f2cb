// Django and Django REST framework: request members, ORM raw SQL, responses, redirects, auth helpers.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const django: KnowledgeFamily = {
  family: "django",
  sources: [
    ...["GET", "POST", "body"].map((m) => ({ pattern: `request.${m}`, concept: "request" as const, member: true })),
    ...["COOKIES", "META"].map((m) => ({ pattern: `request.${m}`, concept: "request-header" as const, member: true })),
    { pattern: "request.FILES", concept: "upload", member: true },
  ],
  sinks: [
    { callee: "**.raw", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "RawSQL", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "django.db.models.expressions.RawSQL", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "**.extra", concept: "sql", args: [], keywords: ["where", "select", "tables", "order_by"] },
    { callee: "mark_safe", concept: "html-output" },
    { callee: "format_html", concept: "html-output", args: [0] },
    { callee: "HttpResponse", concept: "html-output", args: [0] },
    { callee: "HttpResponseRedirect", concept: "redirect", args: [0] },
    { callee: "get_object_or_404", concept: "object-lookup" },
    { callee: "**.objects.get", concept: "object-lookup" },
    { callee: "**.objects.create", concept: "state-change", args: [] },
    { callee: "JsonResponse", concept: "response" },
    { callee: "model_to_dict", concept: "record-exposure", args: [] },
  ],
  guards: [
    { callee: "FileExtensionValidator", concept: "extension-check", cleans: false },
    { callee: "**.ImageField", concept: "extension-check", cleans: false },
    { callee: "**.check_password", concept: "password-hash", cleans: false },
    { callee: "**.has_perm", concept: "authz", cleans: false },
    { callee: "**.has_permission", concept: "authz", cleans: false },
    { callee: "**.has_role", concept: "authz", cleans: false },
    { callee: "url_has_allowed_host_and_scheme", concept: "url-check" },
    { callee: "is_safe_url", concept: "url-check" },
    { callee: "escape_uri_path", concept: "escape" },
  ],
};
