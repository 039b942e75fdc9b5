<?php
$payload = file_get_contents('php://input');
$job = json_decode($payload, true);
$queue = new SplQueue();
$queue->enqueue($job);
http_response_code(202);
