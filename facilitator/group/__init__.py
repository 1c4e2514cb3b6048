"""The room's memory of its group: members, roles by turns, cases brought, action points."""
