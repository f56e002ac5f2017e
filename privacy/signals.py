from django.dispatch import Signal

# Sent after the transaction that erased personal data commits, once per model:
# sender is the model, pks the rows erased (empty when rows were deleted).
# Caches and search listen, so that nothing erased is served again.
personal_data_erased = Signal()
