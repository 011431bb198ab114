import { Access, Accounts, Ids, type Organisation, Role, User } from "@openap/core"
import { Effect, Either, Option, Schema } from "effect"
import type { FastifyRequest } from "fastify"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import { Forbidden, NotFound } from "../HttpErrors.js"
import type { Journey, Web } from "../Journey.js"
import { paths } from "../paths.js"
import type { FieldError } from "../Views.js"
import { kindLabel } from "./account.js"

const onlyAdmins = { preHandler: Guards.allow(Access.canAdministerUsers) }

/** A malformed id in a URL names nothing: 404, like an id that does not exist. */
const userIdFrom = (request: FastifyRequest) =>
  Option.getOrThrowWith(
    Schema.decodeUnknownOption(Ids.UserId)(Forms.param(request, "userId")),
    () => new NotFound()
  )

const statusOf = (user: User.User, passwordSet?: boolean) =>
  user.disabled
    ? { text: "Disabled", classes: "govuk-tag--grey" }
    : passwordSet === false
      ? { text: "Awaiting password", classes: "govuk-tag--yellow" }
      : { text: "Active", classes: "govuk-tag--green" }

const organisationItems = (organisations: ReadonlyArray<Organisation.Organisation>, selected: string) =>
  organisations.map((o) => ({
    value: o.id,
    text: `${o.name} (${kindLabel[o.kind]})`,
    selected: o.id === selected
  }))

const roleItems = (organisation: Organisation.Organisation, checked: ReadonlyArray<string>) =>
  Role.rolesFor[organisation.kind].map((role) => ({
    value: role,
    text: Role.label[role],
    checked: checked.includes(role)
  }))

interface NewUserForm {
  readonly displayName: string
  readonly email: string
  readonly roles: ReadonlyArray<string>
}

const validate = (form: NewUserForm, organisation: Organisation.Organisation) => {
  const errors: Array<FieldError> = []
  if (form.displayName === "") errors.push({ field: "displayName", text: "Enter the person's full name" })
  else if (form.displayName.length > 200)
    errors.push({ field: "displayName", text: "Name must be 200 characters or fewer" })
  const email = Schema.decodeUnknownOption(User.EmailAddress)(form.email)
  if (form.email === "") errors.push({ field: "email", text: "Enter the person's work email address" })
  else if (Option.isNone(email))
    errors.push({
      field: "email",
      text: "Enter an email address in the correct format, like name@example.org"
    })
  const roles = form.roles.filter(
    (r): r is Role.Role => Schema.is(Role.Role)(r) && Role.isValidFor(organisation.kind, r)
  )
  if (roles.length === 0 || roles.length !== form.roles.length)
    errors.push({ field: "roles", text: "Select at least one role" })
  return { errors, email, roles }
}

const findOrganisation = (web: Web, request: FastifyRequest, id: string) =>
  web.run(
    Effect.map(Accounts.listOrganisations(Guards.actor(request)), (all) => ({
      all,
      chosen: Option.fromNullable(all.find((o) => o.id === id))
    }))
  )

/** CAP admin: the users of every organisation, adding a user, disabling one. */
export const users: Journey = {
  name: "users",
  navigation: [{ item: "users", href: paths.users }],
  routes: (app, web) => {
    app.get(paths.users, onlyAdmins, async (request, reply) => {
      const filter = Forms.query(request, "organisation")
      const groups = await web.run(Accounts.listUsers(Guards.actor(request)))
      const shown = groups.filter((g) => filter === "" || g.organisation.id === filter)
      return reply.page("users/list", {
        title: "Users",
        filter,
        organisations: [
          { value: "", text: "All organisations", selected: filter === "" },
          ...organisationItems(
            groups.map((g) => g.organisation),
            filter
          )
        ],
        groups: shown.map((g) => ({
          organisation: g.organisation.name,
          kind: kindLabel[g.organisation.kind],
          users: g.users.map((u) => ({
            name: u.displayName,
            email: u.email,
            href: paths.user({ userId: u.id }),
            roles: u.roles.map((r) => Role.label[r]).join(", "),
            status: statusOf(u)
          }))
        }))
      })
    })

    app.get(paths.newUser, onlyAdmins, async (request, reply) => {
      const chosenId = Forms.query(request, "organisation")
      const { all, chosen } = await findOrganisation(web, request, chosenId)
      if (Option.isNone(chosen)) {
        const errors: ReadonlyArray<FieldError> =
          chosenId === "" && Forms.query(request, "choose") === ""
            ? []
            : [{ field: "organisation", text: "Select an organisation" }]
        return reply.page(
          "users/choose-organisation",
          {
            title: "Which organisation is the new user from?",
            errors,
            organisations: [
              { value: "", text: "Select an organisation", selected: true },
              ...organisationItems(all, "")
            ],
            backLink: { href: paths.users }
          },
          errors.length > 0 ? 400 : 200
        )
      }
      return reply.page("users/new", {
        title: "Add a user",
        organisation: { id: chosen.value.id, name: chosen.value.name },
        values: { displayName: "", email: "" },
        roles: roleItems(chosen.value, []),
        backLink: { href: paths.newUser }
      })
    })

    app.post(paths.newUser, onlyAdmins, async (request, reply) => {
      const actor = Guards.actor(request)
      const { chosen } = await findOrganisation(web, request, Forms.text(request, "organisation"))
      if (Option.isNone(chosen)) return reply.redirect(paths.newUser, 303)
      const organisation = chosen.value
      const form: NewUserForm = {
        displayName: Forms.text(request, "displayName"),
        email: Forms.text(request, "email"),
        roles: Forms.all(request, "roles")
      }
      const again = (errors: ReadonlyArray<FieldError>) =>
        reply.page(
          "users/new",
          {
            title: "Add a user",
            errors,
            organisation: { id: organisation.id, name: organisation.name },
            values: form,
            roles: roleItems(organisation, form.roles),
            backLink: { href: paths.newUser }
          },
          400
        )
      const { errors, email, roles } = validate(form, organisation)
      if (errors.length > 0 || Option.isNone(email)) return again(errors)
      const created = await web.run(
        Effect.either(
          Accounts.createUser(
            actor,
            { organisationId: organisation.id, email: email.value, displayName: form.displayName, roles },
            (token) => `${web.config.publicUrl}${paths.setPassword({ token })}`
          )
        )
      )
      if (Either.isLeft(created)) {
        switch (created.left._tag) {
          case "EmailAlreadyInUse":
            return again([{ field: "email", text: "Someone already has an account with this email address" }])
          case "RoleNotValidForOrganisation":
            return again([{ field: "roles", text: "Select at least one role" }])
          default:
            throw created.left
        }
      }
      return reply.redirect(`${paths.user({ userId: created.right.id })}?done=created`, 303)
    })

    app.get(paths.user.pattern, onlyAdmins, async (request, reply) => {
      const details = await web.run(Accounts.viewUser(Guards.actor(request), userIdFrom(request)))
      const { user, organisation, passwordSet } = details
      const done = Forms.query(request, "done")
      return reply.page("users/show", {
        title: user.displayName,
        user: {
          id: user.id,
          name: user.displayName,
          disabled: user.disabled,
          self: user.id === Guards.actor(request).userId
        },
        status: statusOf(user, passwordSet),
        rows: [
          { key: "Email address", value: user.email },
          { key: "Organisation", value: organisation.name },
          {
            key: user.roles.length === 1 ? "Role" : "Roles",
            value: user.roles.map((r) => Role.label[r]).join(", ")
          },
          { key: "Status", value: statusOf(user, passwordSet).text }
        ],
        banner:
          done === "created"
            ? `${user.displayName} has been added. We have emailed them a link to set their password.`
            : done === "disabled"
              ? `${user.displayName} has been disabled and signed out.`
              : undefined,
        disableHref: paths.disableUser({ userId: user.id }),
        backLink: { href: paths.users, text: "All users" }
      })
    })

    app.get(paths.disableUser.pattern, onlyAdmins, async (request, reply) => {
      const { user } = await web.run(Accounts.viewUser(Guards.actor(request), userIdFrom(request)))
      if (user.disabled || user.id === Guards.actor(request).userId) {
        return reply.redirect(paths.user({ userId: user.id }), 303)
      }
      return reply.page("users/disable", {
        title: `Disable ${user.displayName}`,
        user: { name: user.displayName, email: user.email },
        backLink: { href: paths.user({ userId: user.id }) }
      })
    })

    app.post(paths.disableUser.pattern, onlyAdmins, async (request, reply) => {
      const userId = userIdFrom(request)
      const outcome = await web.run(Effect.either(Accounts.disableUser(Guards.actor(request), userId)))
      // Disabling oneself is refused outright: the page never offers it.
      if (Either.isLeft(outcome))
        throw outcome.left._tag === "CannotDisableSelf" ? new Forbidden() : outcome.left
      return reply.redirect(`${paths.user({ userId })}?done=disabled`, 303)
    })
  }
}
