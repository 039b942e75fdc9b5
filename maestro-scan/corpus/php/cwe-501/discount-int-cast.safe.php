<?php
session_start();
$data = json_decode(file_get_contents('php://input'), true);
$cart = ['items' => array_map('intval', (array) ($data['items'] ?? [])), 'discount' => 0];
$_SESSION['cart'] = $cart;
echo json_encode(['ok' => true]);
