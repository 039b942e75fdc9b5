<?php
$pdo = new PDO('mysql:host=localhost;dbname=crm', 'crm', getenv('DB_PASSWORD'));
$body = json_decode(file_get_contents('php://input'), true);
$filters = ['region' => $body['region'] ?? 'emea'];

$sql = "SELECT COUNT(*) FROM leads WHERE region = 'emea'";
if ($body['custom'] ?? false) {
    $sql = "SELECT COUNT(*) FROM leads WHERE region = '{$filters['region']}'";
}
$count = $pdo->query($sql)->fetchColumn();
echo json_encode(['leads' => (int) $count]);
