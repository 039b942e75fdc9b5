<?php
require __DIR__ . '/actions.php';

$action = $_REQUEST['action'] ?? 'list_items';
$result = call_user_func($action, $_REQUEST);
header('Content-Type: application/json');
echo json_encode($result);
