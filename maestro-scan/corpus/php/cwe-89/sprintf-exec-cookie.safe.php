<?php
$pdo = new PDO('pgsql:host=db;dbname=analytics', 'collector', getenv('PGPASSWORD'));

$visitor = $_COOKIE['visitor_id'] ?? 'anonymous';
$page = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$sql = sprintf('INSERT INTO page_views (visitor, page) VALUES (%s, %s)', $pdo->quote($visitor), $pdo->quote($page));
$pdo->exec($sql);

http_response_code(204);
