"""Who people are and what they may do: accounts, sign-in, sessions, API tokens, security.

- ``views``: the ``auth`` blueprint (sign up, sign in and out, the interface language).
- ``tokens``: the ``tokens`` blueprint (API tokens made and revoked by a signed-in user)
  and ``user_for_token``, which the JSON API calls on every request.
- ``users``: creating accounts, the password policy, sign-ups confirmed by e-mail.
- ``access``: the signed-in user (server-side sessions) and the checks every route makes.
- ``security``: security headers, CSRF, sign-in limits.
"""
