<?php
require __DIR__ . '/actions.php';

$action = $_REQUEST['action'] ?? 'list_items';
if (!in_array($action, ['list_items', 'show_item', 'search_items'], true)) {
    http_response_code(400);
    exit;
}
$result = call_user_func($action, $_REQUEST);
header('Content-Type: application/json');
echo json_encode($result);
