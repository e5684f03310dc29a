export type {
  EgressRecord,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
} from "./types.js";
