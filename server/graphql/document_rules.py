"""Validation rules of our own, run before a document executes."""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule


class OneLoginPerDocument(ValidationRule):
    """Each login costs a password hash: aliases must not multiply them (issue 8, finding 9)."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.logins = 0

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        parent = self.context.get_parent_type()
        if node.name.value != "login" or parent is None or parent.name != "Mutation":
            return
        self.logins += 1
        if self.logins == 2:
            self.report_error(
                GraphQLError(
                    "at most one login per document",
                    node,
                    extensions={"code": "ONE_LOGIN_PER_DOCUMENT"},
                )
            )
