"""The facilitator's side: login, workshop editor, live dashboard, projector."""
