<?php
require __DIR__ . '/db.php';

$id = $_GET['id'] ?? '';
$conn = mysqli_connect(DB_HOST, DB_USER, DB_PASS, DB_NAME);
$result = mysqli_query($conn, "SELECT name, price FROM products WHERE id = " . $id);
$product = mysqli_fetch_assoc($result);

header('Content-Type: application/json');
echo json_encode($product ?: ['error' => 'not found']);
