import { Accounts } from "@openap/core"
import { DateTime, Effect, Either } from "effect"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"
import { clearSessionCookie, endPreviousSession, sessionPolicy, setSessionCookie } from "../Session.js"
import type { FieldError } from "../Views.js"

const refusedMessage = "Enter a correct email address and password"

const minutesUntil = (retryAfter: DateTime.Utc) =>
  Effect.map(DateTime.now, (now) => Math.max(1, Math.ceil(DateTime.distance(now, retryAfter) / 60_000)))

/** Sign in, sign out, and setting a password from the one-time link in the account email. */
export const signIn: Journey = {
  name: "sign-in",
  routes: (app, web) => {
    app.get(paths.signIn, { config: { public: true } }, async (request, reply) => {
      if (request.signedIn !== undefined) return reply.redirect(paths.home, 303)
      return reply.page("sign-in/sign-in", {
        title: "Sign in",
        values: { email: "" },
        passwordSet: Forms.query(request, "done") === "password-set",
        signedOut: Forms.query(request, "done") === "signed-out"
      })
    })

    app.post(paths.signIn, { config: { public: true } }, async (request, reply) => {
      const email = Forms.text(request, "email")
      const password = Forms.raw(request, "password")
      const errors: Array<FieldError> = []
      if (email === "") errors.push({ field: "email", text: "Enter your email address" })
      if (password === "") errors.push({ field: "password", text: "Enter your password" })
      const page = (errors: ReadonlyArray<FieldError>) =>
        reply.page("sign-in/sign-in", { title: "Sign in", errors, values: { email } }, 400)
      if (errors.length > 0) return page(errors)

      const outcome = await web.run(
        Effect.either(Accounts.signIn({ email, password, address: request.ip }, sessionPolicy(web)))
      )
      if (Either.isLeft(outcome)) {
        const failure = outcome.left
        switch (failure._tag) {
          case "SignInThrottled": {
            const minutes = await web.run(minutesUntil(failure.retryAfter))
            const unit = minutes === 1 ? "minute" : "minutes"
            return page([
              {
                field: "email",
                text: `You have tried to sign in too many times. Wait ${minutes} ${unit}, then try again`
              }
            ])
          }
          case "AccountDisabled":
            return page([
              { field: "email", text: "Your account has been disabled. Contact your council's CAP team" }
            ])
          case "SignInRefused":
            return page([{ field: "email", text: refusedMessage }])
        }
      }
      await endPreviousSession(web, request)
      setSessionCookie(web, reply, outcome.right)
      return reply.redirect(paths.home, 303)
    })

    app.post(paths.signOut, { config: { public: true } }, async (request, reply) => {
      if (request.signedIn !== undefined) await web.run(Accounts.signOut(Guards.signedIn(request)))
      clearSessionCookie(web, reply)
      return reply.redirect(`${paths.signIn}?done=signed-out`, 303)
    })

    app.get(paths.setPassword.pattern, { config: { public: true } }, async (_request, reply) =>
      reply.page("sign-in/set-password", {
        title: "Set your password",
        minimumLength: Accounts.PasswordPolicy.minimumLength
      })
    )

    app.post(paths.setPassword.pattern, { config: { public: true } }, async (request, reply) => {
      const token = Forms.param(request, "token")
      const password = Forms.raw(request, "password")
      const confirmation = Forms.raw(request, "confirmPassword")
      const form = (errors: ReadonlyArray<FieldError>) =>
        reply.page(
          "sign-in/set-password",
          { title: "Set your password", errors, minimumLength: Accounts.PasswordPolicy.minimumLength },
          400
        )
      if (password === "") return form([{ field: "password", text: "Enter a password" }])
      const outcome = await web.run(Effect.either(Accounts.setPassword(token, password, confirmation)))
      if (Either.isRight(outcome)) {
        await endPreviousSession(web, request)
        clearSessionCookie(web, reply)
        return reply.redirect(`${paths.signIn}?done=password-set`, 303)
      }
      const failure = outcome.left
      switch (failure._tag) {
        case "PasswordNotAccepted":
          return form([{ field: "password", text: Accounts.PasswordPolicy.message[failure.problem] }])
        case "PasswordsDoNotMatch":
          return form([{ field: "confirmPassword", text: "Enter the same password twice" }])
        case "SetupLinkNotValid":
          return reply.page(
            "sign-in/link-not-valid",
            { title: "This link has expired or has already been used" },
            400
          )
      }
    })
  }
}
