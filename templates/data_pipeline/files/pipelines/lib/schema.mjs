// The columns every raw orders file must have, in the order they are expected.
export const COLUMNS = ['order_id', 'date', 'region', 'product', 'quantity', 'unit_price'];
