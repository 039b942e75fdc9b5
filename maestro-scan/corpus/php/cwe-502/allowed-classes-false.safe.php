<?php
$state = base64_decode($_POST['wizard_state'] ?? '');
$data = unserialize($state, ['allowed_classes' => false]);
$step = (int) ($data['step'] ?? 1);
echo json_encode(['step' => $step + 1]);
