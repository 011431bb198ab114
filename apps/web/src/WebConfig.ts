import { Config, Duration, type Option, Redacted } from "effect"

/**
 * Everything the web app reads from its environment, through Effect's Config so that tests can
 * hand it a ConfigProvider instead of touching process.env.
 */
export interface WebConfig {
  readonly port: number
  readonly host: string
  /** The address people reach the service at; links in emails are built from it. */
  readonly publicUrl: string
  readonly serviceName: string
  readonly councilName: string
  readonly sessionIdleTimeout: Duration.Duration
  /**
   * Signs the CSRF cookie; several web processes behind one address must share it. Optional only
   * for the embedded single process, which makes one at start (open forms then expire on restart).
   */
  readonly cookieSecret: Option.Option<Redacted.Redacted<string>>
  /** Secure cookies and HTTPS-only CSP directives; off only when the service is on a loopback host. */
  readonly secureCookies: boolean
  /** Behind a load balancer the client address comes from X-Forwarded-For. */
  readonly trustProxy: boolean
}

const loopback = (hostname: string) =>
  hostname === "localhost" || hostname === "127.0.0.1" || hostname === "::1" || hostname === "[::1]"

const redactedLength = (secret: Redacted.Redacted<string>) => Redacted.value(secret).length

export const isLoopbackUrl = (url: string): boolean => loopback(new URL(url).hostname)

export const config: Config.Config<WebConfig> = Config.all({
  // 0 asks the system for any free port (the tests use it).
  port: Config.integer("PORT").pipe(
    Config.validate({
      message: "PORT must be between 0 and 65535",
      validation: (n) => n >= 0 && n <= 65_535
    }),
    Config.withDefault(3000)
  ),
  host: Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
  publicUrl: Config.string("PUBLIC_BASE_URL").pipe(Config.option),
  serviceName: Config.string("SERVICE_NAME").pipe(Config.withDefault("Alternative Provision service")),
  councilName: Config.string("COUNCIL_NAME").pipe(Config.withDefault("Demo City Council")),
  sessionIdleMinutes: Config.integer("SESSION_IDLE_MINUTES").pipe(
    Config.validate({ message: "SESSION_IDLE_MINUTES must be at least 1", validation: (n) => n >= 1 }),
    Config.withDefault(30)
  ),
  cookieSecret: Config.redacted("COOKIE_SECRET").pipe(
    Config.validate({
      message: "COOKIE_SECRET must be at least 32 characters",
      validation: (secret) => redactedLength(secret) >= 32
    }),
    Config.option
  ),
  trustProxy: Config.boolean("TRUST_PROXY").pipe(Config.withDefault(false))
}).pipe(
  Config.map(({ sessionIdleMinutes, publicUrl, ...rest }) => {
    const url =
      publicUrl._tag === "Some" ? publicUrl.value.replace(/\/$/, "") : `http://${rest.host}:${rest.port}`
    return {
      ...rest,
      publicUrl: url,
      sessionIdleTimeout: Duration.minutes(sessionIdleMinutes),
      secureCookies: !isLoopbackUrl(url)
    }
  })
)
